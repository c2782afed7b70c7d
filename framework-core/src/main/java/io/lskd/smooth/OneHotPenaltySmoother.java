package io.lskd.smooth;

import io.lskd.spi.Distiller;
import io.lskd.spi.PenaltySmoother;

/**
 * A regulariser in place of label smoothing: one-hot targets, and a penalty on the student's
 * outputs that the distiller's loss is summed with ({@link PenaltySmoother}).
 */
abstract class OneHotPenaltySmoother implements PenaltySmoother {

    private final String name;
    private final Distiller penalty;

    OneHotPenaltySmoother(String name, Distiller penalty) {
        this.name = name;
        this.penalty = penalty;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final double[] target(int label, int numClasses) {
        Arguments.checkLabel(name, label, numClasses);
        return Arguments.oneHot(label, numClasses);
    }

    @Override
    public final Distiller penalty() {
        return penalty;
    }

    @Override
    public String toString() {
        return penalty.toString();
    }
}
