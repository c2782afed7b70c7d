package io.lskd.smooth;

import io.lskd.distill.ConfidencePenalty;
import io.lskd.spi.Distiller;
import io.lskd.spi.PenaltySmoother;

/**
 * The confidence penalty in place of label smoothing: one-hot targets and the penalty
 * {@code -b H(p)}, so that with cross-entropy the loss is {@code CE - b H(p)} (Pereyra et al.
 * 2017; see {@link ConfidencePenalty}).
 */
public final class ConfidencePenaltySmoother implements PenaltySmoother {

    public static final String NAME = "confidence-penalty";

    private final ConfidencePenalty penalty;

    /** @param beta b, at least 0 */
    public ConfidencePenaltySmoother(double beta) {
        this.penalty = new ConfidencePenalty(beta);
    }

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
    public Distiller penalty() {
        return penalty;
    }

    @Override
    public String toString() {
        return penalty.toString();
    }
}
