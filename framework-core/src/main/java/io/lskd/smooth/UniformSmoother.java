package io.lskd.smooth;

import io.lskd.spi.Smoother;
import java.util.Arrays;

/**
 * Label smoothing towards the uniform distribution over all K classes:
 * {@code y_LS = (1 - a) y + a / K}, so the label gets {@code 1 - a + a/K} and every other
 * class {@code a/K}.
 *
 * <p>The convention of Szegedy et al. 2016 ("Rethinking the Inception architecture"), of
 * Müller, Kornblith and Hinton 2019 ("When does label smoothing help?"), of fairseq's
 * reported target and of DL4J's built-in loss. Shen et al.'s Property 1 (LS equals KD from a
 * teacher whose probabilities are these targets) is stated for this form.
 */
public final class UniformSmoother implements Smoother {

    public static final String NAME = "uniform";

    private final double alpha;

    /** @param alpha the smoothing strength a, in [0, 1) */
    public UniformSmoother(double alpha) {
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
        Arrays.fill(y, alpha / numClasses);
        y[label] = 1.0 - alpha + alpha / numClasses;
        return y;
    }

    @Override
    public String toString() {
        return NAME + "(alpha=" + alpha + ")";
    }
}
