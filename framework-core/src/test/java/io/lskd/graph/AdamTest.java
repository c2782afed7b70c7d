package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam's known closed forms: with a constant gradient g the bias-corrected moments are g and
 * g^2 at every step, so each step moves a parameter by exactly -lr g / (|g| + eps)
 * (PyTorch's placement of eps). A changing gradient is checked against the formula unrolled by hand.
 */
class AdamTest {

    @Test
    void constantGradientStepsAreLrTimesSignedUnitSteps() {
        Adam adam = new Adam();
        INDArray w = Nd4j.createFromArray(1.0, -2.0, 0.5);
        double[] g = {0.3, -1e-3, 4.0};
        double lr = 0.01;
        double[] expected = w.toDoubleVector();
        for (int step = 0; step < 3; step++) {
            adam.nextStep();
            adam.update("w", w, Nd4j.createFromArray(g), lr);
            for (int i = 0; i < 3; i++) {
                expected[i] -= lr * g[i] / (Math.abs(g[i]) + 1e-8);
            }
            assertArrayEquals(expected, w.toDoubleVector(), 1e-15);
        }
    }

    @Test
    void twoStepsWithDifferentGradientsMatchTheUnrolledFormula() {
        Adam adam = new Adam(0.9, 0.999, 1e-8);
        INDArray w = Nd4j.createFromArray(new double[] {0.0}).castTo(DataType.DOUBLE);
        adam.nextStep();
        adam.update("w", w, Nd4j.createFromArray(2.0), 0.1);
        adam.nextStep();
        adam.update("w", w, Nd4j.createFromArray(-1.0), 0.1);
        // step 1: m = 0.2, v = 0.004; w = -0.1 * (0.2/0.1) / (sqrt(0.004/0.001) + eps) = -0.1
        // step 2: m = 0.9*0.2 - 0.1 = 0.08, v = 0.999*0.004 + 0.001 = 0.004996
        double m2 = 0.08;
        double v2 = 0.004996;
        double w2 = -0.1 * 2 / (2 + 1e-8) - 0.1 / (1 - 0.81) * m2 / (Math.sqrt(v2) / Math.sqrt(1 - 0.998001) + 1e-8);
        assertArrayEquals(new double[] {w2}, w.toDoubleVector(), 1e-12);
    }
}
