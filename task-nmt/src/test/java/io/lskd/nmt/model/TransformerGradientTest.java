package io.lskd.nmt.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.graph.GraphDistiller;
import io.lskd.nmt.loss.TokenLossGraph;
import io.lskd.nmt.loss.TokenTargets;
import io.lskd.nmt.loss.WordKdDistiller;
import java.util.Map;
import java.util.SplittableRandom;
import io.lskd.testing.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Numeric gradient checks, in double precision, of every op composition the Transformer trains
 * with: the output projection by the shared embedding, sinusoidal positions, multi-head
 * self-attention with a key-padding mask and with a causal mask, cross-attention, the per-head
 * reshape through a shape input, layer norm (pre- and post-norm), the ReLU feed-forward, and the
 * masked token losses (label-smoothed cross-entropy and word-level KD). Inputs are constants
 * (GradCheckUtil cannot take floating-point placeholders in M2.1); a padded source token and a
 * padded target position make the masks matter. The embedding rows the graph reads are constants
 * here; their gradient, which NmtGraph adds to the embedding's, is checked by NmtGraphGradientTest.
 */
@ExtendWith(DoublePrecision.class)
class TransformerGradientTest {

    private static final int V = 7;
    private static final int ENTRIES_PER_PARAMETER = 2;
    @Test
    void preNormTransformerWithLabelSmoothingHasExactGradients() {
        assertTrue(check(new TransformerSpec(1, 1, 4, 2, 6, 0.0, true), new CrossEntropyDistiller(), 0.1));
    }

    @Test
    void postNormTransformerWithoutSmoothingHasExactGradients() {
        assertTrue(check(new TransformerSpec(1, 1, 4, 2, 6, 0.0, false), new CrossEntropyDistiller(), 0.0));
    }

    @Test
    void wordLevelKdLossHasExactGradients() {
        assertTrue(check(new TransformerSpec(1, 1, 4, 1, 5, 0.0, true), new WordKdDistiller(0.6, 0.5, 3), 0.1));
    }

    private static boolean check(TransformerSpec spec, GraphDistiller distiller, double alpha) {
        SameDiff sd = SameDiff.create();
        Transformer t = new Transformer(spec, V, Vocabulary.PAD, sd, DataType.DOUBLE, 3);
        Feeds feeds = new Feeds(spec, DataType.DOUBLE, () -> t.embedding().getArr());
        int[][] sources = {{4, 5, 6, Vocabulary.EOS}, {5, 4, Vocabulary.EOS}};
        int[][] targets = {{6, 4, Vocabulary.EOS}, {5, Vocabulary.EOS}};
        TokenBatch batch = new TokenBatch(sources, targets);
        SequenceInputs src = constants(sd, "src/", feeds.side("src/", sources, false));
        SequenceInputs tgt = constants(sd, "tgt/", feeds.side("tgt/", batch.decoderInput(), true));
        SDVariable logits = t.logits(t.decode(tgt, t.encode(src, true), src, true));
        int n = Feeds.length(targets);
        SDVariable ids = sd.constant("tgt/out", Feeds.ids(targets, n));
        SDVariable weights = sd.constant("tgt/weight", feeds.weights(targets, n));
        SDVariable kd = null;
        if (distiller instanceof WordKdDistiller w) {
            double[][] q = new double[targets.length * n][V];
            double[][] teacher = random(targets.length * n, V, 5);
            for (int r = 0; r < q.length; r++) {
                w.teacherDistribution(teacher[r], q[r]);
            }
            kd = sd.constant("kd/target", Nd4j.createFromArray(q));
        }
        TokenTargets smoothed = new TokenTargets(1 - alpha + alpha / V, alpha / V);
        sd.setLossVariables(TokenLossGraph.build(sd, distiller, smoothed, logits, ids, weights, kd, V));
        // a few entries of every parameter array: each entry costs two forward passes of the graph
        return GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false, false, false, null, null,
                ENTRIES_PER_PARAMETER, GradCheckUtil.Subset.EVERY_N);
    }

    private static SequenceInputs constants(SameDiff sd, String prefix, Map<String, INDArray> side) {
        return new SequenceInputs(sd.constant(prefix + "embedded", side.get(prefix + NmtGraph.EMBEDDED)),
                sd.constant(prefix + "pos", side.get(prefix + NmtGraph.POSITIONS)),
                sd.constant(prefix + "shape", side.get(prefix + NmtGraph.HEAD_SHAPE)),
                sd.constant(prefix + "mask", side.get(prefix + NmtGraph.MASK)));
    }

    static double[][] random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int c = 0; c < cols; c++) {
                row[c] = r.nextGaussian() * 2;
            }
        }
        return out;
    }
}
