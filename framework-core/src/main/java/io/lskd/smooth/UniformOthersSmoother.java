package io.lskd.smooth;

import io.lskd.spi.Smoother;
import java.util.Arrays;

/**
 * Label smoothing that spreads a over the K - 1 other classes only:
 * {@code y_LS[label] = 1 - a}, {@code y_LS[c] = a / (K - 1)} for every {@code c != label}.
 *
 * <p>Shen et al. 2021, "Is label smoothing truly incompatible with knowledge distillation",
 * Eq. 1; also fairseq's {@code label_smoothed_nll_loss} code path on log-probabilities. For
 * the same a the label keeps less mass than with {@link UniformSmoother} (1 - a rather than
 * 1 - a + a/K).
 */
public final class UniformOthersSmoother implements Smoother {

    public static final String NAME = "uniform-others";

    private final double alpha;

    /** @param alpha the smoothing strength a, in [0, 1) */
    public UniformOthersSmoother(double alpha) {
        this.alpha = Arguments.checkAlpha(NAME, alpha);
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double[] target(int label, int numClasses) {
        Arguments.checkLabel(NAME, label, numClasses);
        double[] y = new double[numClasses];
        Arrays.fill(y, alpha / (numClasses - 1));
        y[label] = 1.0 - alpha;
        return y;
    }

    @Override
    public String toString() {
        return NAME + "(alpha=" + alpha + ")";
    }
}
