package io.lskd.spi;

/**
 * A smoother whose targets learn from the model being trained (online label smoothing). A
 * trainer asks for {@link #target} at the start of every epoch, calls {@link #observe} after
 * each step with the logits that step computed in training mode (before its update), and
 * {@link #epochEnded} after the epoch's last step, when the targets of the next epoch are built.
 */
public interface AdaptiveSmoother extends Smoother {

    /**
     * A training batch's logits and true labels.
     *
     * @param logits [B][K], from the forward pass of the step (training mode)
     * @param labels [B], in [0, K)
     */
    void observe(double[][] logits, int[] labels);

    /** The epoch is over: rebuild the targets from what was observed during it. */
    void epochEnded();
}
