package io.lskd.smooth;

import io.lskd.distill.ConfidencePenalty;

/**
 * The confidence penalty in place of label smoothing: one-hot targets and the penalty
 * {@code -b H(p)}, so that with cross-entropy the loss is {@code CE - b H(p)} (Pereyra et al.
 * 2017; see {@link ConfidencePenalty}).
 */
public final class ConfidencePenaltySmoother extends OneHotPenaltySmoother {

    public static final String NAME = "confidence-penalty";

    /** @param beta b, at least 0 */
    public ConfidencePenaltySmoother(double beta) {
        super(NAME, new ConfidencePenalty(beta));
    }
}
