package io.lskd.nmt.loss;

import io.lskd.spi.Smoother;

/**
 * A smoother's per-token target over a vocabulary of V tokens, in the two numbers every
 * label-uniform smoother reduces to: {@code onLabel} on the reference token and
 * {@code offLabel} on each of the others. The graph builds the row as
 * {@code oneHot(id, V, onLabel, offLabel)}, so no [tokens, V] target matrix is fed.
 *
 * <p>With the {@code uniform} smoother (a/V on every token including the reference, which gets
 * 1 - a + a/V) the cross-entropy is fairseq's {@code label_smoothed_nll_loss}:
 * {@code (1 - a) nll + (a / V) sum_v -log p_v}, the convention Tan et al.'s and Shen et al.'s
 * translation code used; {@code uniform-others} gives fairseq's later form with a/(V-1).
 */
public record TokenTargets(double onLabel, double offLabel) {

    /** Reads the smoother's target for a vocabulary of {@code vocabSize}; rejects other shapes. */
    public static TokenTargets of(Smoother smoother, int vocabSize) {
        double[] row = smoother.target(0, vocabSize);
        double off = row[1];
        for (int v = 2; v < vocabSize; v++) {
            if (Math.abs(row[v] - off) > 1e-15) {
                throw new IllegalArgumentException("smoother '" + smoother.name() + "' gives tokens 1 and " + v
                        + " different targets (" + off + ", " + row[v] + "); translation needs a target that is"
                        + " uniform over the non-reference tokens");
            }
        }
        return new TokenTargets(row[0], off);
    }

    /** The dense target row of reference token {@code id}. */
    public double[] row(int id, int vocabSize) {
        double[] y = new double[vocabSize];
        java.util.Arrays.fill(y, offLabel);
        y[id] = onLabel;
        return y;
    }
}
