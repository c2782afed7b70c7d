package io.lskd.smooth;

import io.lskd.spi.Smoother;

/** No smoothing: the one-hot target, y[label] = 1 and 0 elsewhere. */
public final class NoSmoother implements Smoother {

    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double[] target(int label, int numClasses) {
        Arguments.checkLabel(NAME, label, numClasses);
        return Arguments.oneHot(label, numClasses);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
