package io.lskd.nmt.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.nmt.loss.TokenTargets;
import io.lskd.testing.DoublePrecision;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient {@link NmtGraph} assembles for the shared embedding (SameDiff's, through the
 * output projection, plus the input rows' gradients scattered back to their tokens), checked
 * entry by entry against central differences of the loss, in double precision. The batch pads
 * a source and a target and repeats tokens within and across the two sides, so rows collect
 * several contributions. TransformerGradientTest checks every other parameter with GradCheckUtil.
 */
@ExtendWith(DoublePrecision.class)
class NmtGraphGradientTest {

    private static final int V = 9;
    private static final double EPSILON = 1e-6;

    @Test
    void theEmbeddingGradientEqualsCentralDifferencesOfTheLoss() {
        for (boolean preNorm : List.of(true, false)) {
            NmtGraph graph = new NmtGraph(new TransformerSpec(1, 1, 4, 2, 6, 0.0, preNorm), V,
                    new CrossEntropyDistiller(), new TokenTargets(0.9 + 0.1 / V, 0.1 / V), DataType.DOUBLE, 11);
            TokenBatch batch = new TokenBatch(new int[][] {{4, 5, 4, 6, Vocabulary.EOS}, {7, 5, Vocabulary.EOS}},
                    new int[][] {{5, 8, 5, Vocabulary.EOS}, {4, Vocabulary.EOS}});
            INDArray embedding = graph.parameters().get(Transformer.EMBEDDING);
            NmtGraph.Gradients analytic = graph.gradients(batch, null, null);
            INDArray gradient = analytic.byParameter().get(Transformer.EMBEDDING).dup();
            int checked = 0;
            for (int row = 0; row < V; row++) {
                for (int col = 0; col < embedding.columns(); col++) {
                    double original = embedding.getDouble(row, col);
                    embedding.putScalar(row, col, original + EPSILON);
                    double plus = graph.gradients(batch, null, null).loss();
                    embedding.putScalar(row, col, original - EPSILON);
                    double minus = graph.gradients(batch, null, null).loss();
                    embedding.putScalar(row, col, original);
                    double numeric = (plus - minus) / (2 * EPSILON);
                    double expected = gradient.getDouble(row, col);
                    assertEquals(numeric, expected, 1e-8 + 1e-5 * Math.abs(numeric),
                            "pre-norm " + preNorm + ", E[" + row + ", " + col + "]");
                    checked += numeric != 0 ? 1 : 0;
                }
            }
            assertTrue(checked > V * embedding.columns() / 2, "most entries have a gradient: " + checked);
        }
    }

    @Test
    void repeatedTokensAddTheirRowGradients() {
        INDArray target = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        INDArray rows = Nd4j.createFromArray(new double[][] {{1, 2}, {10, 20}, {100, 200}, {0.5, 0.25}});
        NmtGraph.addRows(target, new int[] {2, 0, 2, 2}, rows);
        assertEquals(Nd4j.createFromArray(new double[][] {{10, 20}, {0, 0}, {101.5, 202.25}}), target);
    }
}
