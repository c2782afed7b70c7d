package io.lskd.spi;

/**
 * What a trained model computes on every sample of one split, in order, for the analyses.
 *
 * @param labels the true classes, [N]
 * @param logits inference-mode logits, [N][K]
 * @param features the penultimate activations feeding the last linear layer, [N][d]
 */
public record SplitOutputs(int[] labels, double[][] logits, double[][] features) {
    public SplitOutputs {
        if (labels.length != logits.length || labels.length != features.length) {
            throw new IllegalArgumentException("split outputs disagree in size: " + labels.length + " labels, "
                    + logits.length + " logit rows, " + features.length + " feature rows");
        }
    }
}
