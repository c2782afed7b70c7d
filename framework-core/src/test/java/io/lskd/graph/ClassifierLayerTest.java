package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lskd.distill.CrossEntropyDistiller;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The marked last layer: its templates and penultimate activations reproduce the logits. */
class ClassifierLayerTest {

    @Test
    void logitsAreTemplatesTimesFeaturesWithTheBiasAppended() {
        Network net = (g, x) -> g.classifier("out", g.relu(g.dense("hidden", x, 4, 6)), 6, 3);
        GraphModel model = new GraphModel(net, new CrossEntropyDistiller(), new long[] {4}, 3, DataType.DOUBLE, 3);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 5, 4).subi(0.5);
        INDArray[] out = model.logitsAndFeatures(input);
        double[][] logits = out[0].toDoubleMatrix();
        double[][] features = out[1].toDoubleMatrix();
        double[][] templates = model.templates();
        assertEquals(3, templates.length);
        assertEquals(7, templates[0].length);
        for (int i = 0; i < 5; i++) {
            double[] expected = new double[3];
            for (int c = 0; c < 3; c++) {
                expected[c] = templates[c][6];
                for (int j = 0; j < 6; j++) {
                    expected[c] += templates[c][j] * features[i][j];
                }
            }
            assertArrayEquals(expected, logits[i], 1e-12);
        }
        assertArrayEquals(logits[0], model.logits(input).toDoubleMatrix()[0], 1e-12);
    }

    @Test
    void aNetworkWithoutAMarkedLayerSaysSo() {
        GraphModel model = new GraphModel((g, x) -> g.dense("fc", x, 4, 3), new CrossEntropyDistiller(),
                new long[] {4}, 3, DataType.FLOAT, 0);
        assertThrows(IllegalStateException.class, model::templates);
    }
}
