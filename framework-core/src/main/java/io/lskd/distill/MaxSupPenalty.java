package io.lskd.distill;

import io.lskd.config.Parameters;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The MaxSup penalty on a model's own logits, batch mean: {@code P = l (z_max - mean_c z_c)}.
 *
 * <p>Zhou et al. 2025, "MaxSup: Overcoming Representation Collapse in Label Smoothing": label
 * smoothing with mass a equals {@code CE + a (z_y - mean_c z_c)} (it shrinks the true-class
 * logit), and MaxSup penalises the top-1 logit instead, so that a wrong, over-confident top
 * prediction is penalised too. Added to cross-entropy on one-hot targets by
 * {@code MaxSupSmoother}. Gradient per row: {@code l (onehot(argmax z) - 1/K) / B} (the first
 * maximum on ties, as for any subgradient of max). One term, "maxsup". Needs no teacher and
 * ignores the targets.
 */
public final class MaxSupPenalty implements GraphDistiller {

    public static final String NAME = "maxsup";

    private final double lambda;

    /** @param lambda l, at least 0 */
    public MaxSupPenalty(double lambda) {
        this.lambda = Parameters.weight(NAME, "lambda", lambda);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsTeacher() {
        return false;
    }

    @Override
    public LossValue loss(double[][] studentLogits, double[][] teacherLogits, double[][] targets) {
        int[] shape = Batch.shape(NAME, "studentLogits", studentLogits);
        int b = shape[0];
        int k = shape[1];
        int[] top = Batch.argmax(studentLogits);
        double sum = 0.0;
        double[][] grad = new double[b][k];
        for (int i = 0; i < b; i++) {
            double mean = 0.0;
            for (double z : studentLogits[i]) {
                mean += z / k;
            }
            sum += studentLogits[i][top[i]] - mean;
            for (int c = 0; c < k; c++) {
                grad[i][c] = lambda * ((c == top[i] ? 1.0 : 0.0) - 1.0 / k) / b;
            }
        }
        double value = lambda * sum / b;
        return new LossValue(value, grad, Map.of(NAME, value));
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        return studentLogits.max(1).sub(studentLogits.mean(1)).mean().mul(lambda);
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        return Map.of(NAME, lossGraph(sd, studentLogits, teacherLogits, targets));
    }

    @Override
    public String toString() {
        return NAME + "(lambda=" + lambda + ")";
    }
}
