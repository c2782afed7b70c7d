package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.testing.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm's running statistics follow PyTorch's rule (momentum 0.1, unbiased variance) and
 * the inference pass uses them, checked against plain-Java arithmetic on the same batch.
 */
class BatchNormStatisticsTest {

    private static final Network BN_ONLY = (g, x) -> g.dense("fc", g.globalAveragePool(g.batchNorm("bn", x, 2)), 2, 3);

    @Test
    void runningMomentsAndInferencePassMatchPyTorchsRule() {
        GraphModel model = new GraphModel(BN_ONLY, new CrossEntropyDistiller(), new long[] {2, 3, 2}, 3,
                DataType.DOUBLE, 5);
        INDArray x = DoublePrecision.gaussian(new long[] {4, 2, 3, 2}, 3).muli(2).addi(0.5);
        INDArray targets = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}});
        model.step(x, targets, null, 0.0); // a zero learning rate leaves the weights, not the statistics
        double[][] rows = x.reshape(24, 2).toDoubleMatrix();
        double[] expectedMean = new double[2];
        double[] expectedVar = new double[2];
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            for (double[] row : rows) {
                sum += row[c];
            }
            double mean = sum / rows.length;
            double ss = 0;
            for (double[] row : rows) {
                ss += (row[c] - mean) * (row[c] - mean);
            }
            expectedMean[c] = 0.1 * mean;
            expectedVar[c] = 0.9 + 0.1 * ss / (rows.length - 1);
        }
        INDArray runningMean = model.parameters().get("bn/running_mean");
        INDArray runningVar = model.parameters().get("bn/running_var");
        assertArrayEquals(expectedMean, runningMean.toDoubleVector(), 1e-12);
        assertArrayEquals(expectedVar, runningVar.toDoubleVector(), 1e-12);

        // inference: (x - running mean) / sqrt(running var + eps), pooled, then the dense layer
        double[] pooled = new double[2];
        double[][] logits = model.logits(x).toDoubleMatrix();
        INDArray w = model.parameters().get("fc/W");
        INDArray b = model.parameters().get("fc/b");
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 2; c++) {
                double sum = 0;
                for (int p = 0; p < 6; p++) {
                    sum += (rows[i * 6 + p][c] - expectedMean[c]) / Math.sqrt(expectedVar[c] + GraphBuilder.BN_EPS);
                }
                pooled[c] = sum / 6;
            }
            for (int k = 0; k < 3; k++) {
                double z = b.getDouble(k) + pooled[0] * w.getDouble(0, k) + pooled[1] * w.getDouble(1, k);
                assertEquals(z, logits[i][k], 1e-10, "logit " + i + "," + k);
            }
        }
    }
}
