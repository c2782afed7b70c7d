package io.lskd.distill;

import io.lskd.config.Parameters;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The confidence penalty on a model's own predictions, batch mean: {@code P = -b H(p)},
 * {@code H(p) = -sum_c p_c log p_c}, {@code p = softmax(z)}.
 *
 * <p>Pereyra, Tucker, Chorowski, Kaiser and Hinton, "Regularizing Neural Networks by
 * Penalizing Confident Output Distributions", ICLR 2017 workshop, Eq. 2: with cross-entropy on
 * one-hot targets (added by {@code ConfidencePenaltySmoother}) the loss is CE - b H(p). Where
 * label smoothing pulls p towards the uniform distribution through the targets, this pushes
 * the entropy of p up directly. Gradient per row: {@code b p_j (log p_j + H(p)) / B}. One
 * term, "confidence-penalty". Needs no teacher and ignores the targets.
 */
public final class ConfidencePenalty implements GraphDistiller {

    public static final String NAME = "confidence-penalty";

    private final double beta;

    /** @param beta b, at least 0 */
    public ConfidencePenalty(double beta) {
        this.beta = Parameters.weight(NAME, "beta", beta);
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
        double[][] logP = LogSoftmax.of(studentLogits, 1.0);
        double entropySum = 0.0;
        double[][] grad = new double[b][k];
        for (int i = 0; i < b; i++) {
            double[] p = LogSoftmax.exp(logP[i]);
            double h = SoftCrossEntropy.value(logP[i], p);
            entropySum += h;
            for (int c = 0; c < k; c++) {
                grad[i][c] = beta * p[c] * (logP[i][c] + h) / b;
            }
        }
        double value = -beta * entropySum / b;
        return new LossValue(value, grad, Map.of(NAME, value));
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        SDVariable logP = GraphLogSoftmax.of(sd, studentLogits, 1.0);
        // -b H(p) = b mean_i sum_c p_c log p_c
        return sd.math.exp(logP).mul(logP).sum(1).mean().mul(beta);
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        return Map.of(NAME, lossGraph(sd, studentLogits, teacherLogits, targets));
    }

    @Override
    public String toString() {
        return NAME + "(beta=" + beta + ")";
    }
}
