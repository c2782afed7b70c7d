package io.lskd.smooth;

import io.lskd.distill.MaxSupPenalty;

/**
 * MaxSup in place of label smoothing: one-hot targets and the penalty
 * {@code l (z_max - mean_c z_c)} on the logits, so that with cross-entropy the loss is
 * {@code CE + l (z_max - mean z)} (see {@link MaxSupPenalty}; Zhou et al. 2025). Label
 * smoothing with a = l is the same loss with z_y in place of z_max, so the two agree on every
 * sample the model already classifies correctly.
 */
public final class MaxSupSmoother extends OneHotPenaltySmoother {

    public static final String NAME = "maxsup";

    /** @param lambda l, at least 0 */
    public MaxSupSmoother(double lambda) {
        super(NAME, new MaxSupPenalty(lambda));
    }
}
