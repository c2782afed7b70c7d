package io.lskd.smooth;

import io.lskd.distill.MaxSupPenalty;
import io.lskd.spi.Distiller;
import io.lskd.spi.PenaltySmoother;

/**
 * MaxSup in place of label smoothing: one-hot targets and the penalty
 * {@code l (z_max - mean_c z_c)} on the logits, so that with cross-entropy the loss is
 * {@code CE + l (z_max - mean z)} (see {@link MaxSupPenalty}; Zhou et al. 2025). Label
 * smoothing with a = l is the same loss with z_y in place of z_max, so the two agree on every
 * sample the model already classifies correctly.
 */
public final class MaxSupSmoother implements PenaltySmoother {

    public static final String NAME = "maxsup";

    private final MaxSupPenalty penalty;

    /** @param lambda l, at least 0 */
    public MaxSupSmoother(double lambda) {
        this.penalty = new MaxSupPenalty(lambda);
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
