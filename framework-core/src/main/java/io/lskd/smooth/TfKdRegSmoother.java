package io.lskd.smooth;

import io.lskd.config.Parameters;
import io.lskd.math.Softmax;
import io.lskd.spi.Smoother;
import java.util.Arrays;

/**
 * Tf-KD's manually designed "virtual teacher" as a smoother (Tf-KD reg):
 * {@code y = (1 - a) onehot + a softmax(v / T)}, where the virtual teacher v puts c (0.99) on
 * the label and {@code (1 - c) / (K - 1)} on every other class.
 *
 * <p>Yuan, Tay, Li, Wang and Feng, "Revisiting Knowledge Distillation via Label Smoothing
 * Regularization", CVPR 2020, Eq. 9 and their released {@code loss_kd_regularization}:
 * {@code (1 - a) CE(y, p) + a KL(softmax(v / T) || p)}. The released code softens the virtual
 * teacher by T but not the student (the paper's Eq. 9 writes both softened); this follows the
 * code, which makes the loss cross-entropy on these targets up to the constant a H(softmax(v/T)),
 * with the same gradient. The code's KLDivLoss averages over B x K entries and multiplies by a
 * "multiplier" m: its (a, m) equal, in gradient, a' = a m / K / ((1 - a) + a m / K) here with
 * the learning rate scaled by ((1 - a) + a m / K).
 */
public final class TfKdRegSmoother implements Smoother {

    public static final String NAME = "tf-kd-reg";

    private final double alpha;
    private final double temperature;
    private final double correctProbability;

    /**
     * @param alpha a, the weight of the virtual teacher, in [0, 1)
     * @param temperature T, positive; large T flattens the virtual teacher towards uniform
     * @param correctProbability c, the virtual teacher's probability of the label, in (0, 1)
     */
    public TfKdRegSmoother(double alpha, double temperature, double correctProbability) {
        this.alpha = Arguments.checkAlpha(NAME, alpha);
        this.temperature = Parameters.temperature(NAME, temperature);
        this.correctProbability = Parameters.inRange(NAME, "correctProbability", correctProbability, 0, true, 1, true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double[] target(int label, int numClasses) {
        Arguments.checkLabel(NAME, label, numClasses);
        double[] virtualTeacher = new double[numClasses];
        Arrays.fill(virtualTeacher, (1.0 - correctProbability) / (numClasses - 1));
        virtualTeacher[label] = correctProbability;
        double[] soft = Softmax.row(virtualTeacher, temperature);
        double[] y = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            y[c] = alpha * soft[c] + (c == label ? 1.0 - alpha : 0.0);
        }
        return y;
    }

    @Override
    public String toString() {
        return NAME + "(alpha=" + alpha + ", T=" + temperature + ", correctProbability=" + correctProbability + ")";
    }
}
