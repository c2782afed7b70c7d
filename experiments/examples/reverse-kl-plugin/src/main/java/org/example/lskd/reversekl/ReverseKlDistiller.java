package org.example.lskd.reversekl;

import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Reverse-KL distillation, batch means:
 * {@code L = (1 - l) CE(q, p^s) + l T^2 KL(p^s(T) || p^t(T))}, p(T) = softmax(z / T).
 *
 * <p>Hinton KD's KL with its arguments swapped: mode-seeking rather than mean-seeking, so the
 * student may ignore teacher mass it cannot fit (used for language models by Gu et al. 2024,
 * "MiniLLM"). Gradient with respect to z^s_j per row: {@code (1 - l)(p_j - q_j) + l T
 * p^s_j(T) (log p^s_j(T) - log p^t_j(T) - KL)}. Terms "ce" and "rkl".
 *
 * <p>An example plugin for lskd: plain maths in {@link #loss}, the same loss from SameDiff
 * ops in {@link #lossTerms}, both checked by lskd's tests.
 */
public final class ReverseKlDistiller implements GraphDistiller {

    public static final String NAME = "reverse-kl";

    private final double temperature;
    private final double lambda;

    public ReverseKlDistiller(double temperature, double lambda) {
        if (!(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException(NAME + ": temperature must be in (0, inf), got " + temperature);
        }
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException(NAME + ": lambda must be in [0, 1], got " + lambda);
        }
        this.temperature = temperature;
        this.lambda = lambda;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsTeacher() {
        return true;
    }

    @Override
    public LossValue loss(double[][] studentLogits, double[][] teacherLogits, double[][] targets) {
        int b = studentLogits.length;
        int k = studentLogits[0].length;
        double ce = 0;
        double rkl = 0;
        double[][] grad = new double[b][k];
        for (int i = 0; i < b; i++) {
            double[] logP = logSoftmax(studentLogits[i], 1.0);
            double[] logPs = logSoftmax(studentLogits[i], temperature);
            double[] logPt = logSoftmax(teacherLogits[i], temperature);
            double kl = 0;
            for (int c = 0; c < k; c++) {
                ce -= targets[i][c] * logP[c];
                kl += Math.exp(logPs[c]) * (logPs[c] - logPt[c]);
            }
            rkl += kl;
            double qSum = 0;
            for (double q : targets[i]) {
                qSum += q;
            }
            for (int c = 0; c < k; c++) {
                double dCe = Math.exp(logP[c]) * qSum - targets[i][c];
                double dRkl = temperature * Math.exp(logPs[c]) * (logPs[c] - logPt[c] - kl);
                grad[i][c] = ((1 - lambda) * dCe + lambda * dRkl) / b;
            }
        }
        double ceTerm = (1 - lambda) * ce / b;
        double rklTerm = lambda * temperature * temperature * rkl / b;
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("ce", ceTerm);
        terms.put("rkl", rklTerm);
        return new LossValue(ceTerm + rklTerm, grad, terms);
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        return GraphDistiller.sum(lossTerms(sd, studentLogits, teacherLogits, targets));
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        SDVariable ce = targets.mul(logSoftmax(sd, studentLogits, 1.0)).sum(1).mean().neg();
        SDVariable logPs = logSoftmax(sd, studentLogits, temperature);
        SDVariable logPt = logSoftmax(sd, teacherLogits, temperature);
        SDVariable rkl = sd.math.exp(logPs).mul(logPs.sub(logPt)).sum(1).mean();
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        terms.put("ce", ce.mul(1 - lambda));
        terms.put("rkl", rkl.mul(lambda * temperature * temperature));
        return terms;
    }

    /** log softmax(z / T) of one row, shifted by the row max so that large logits stay finite. */
    private static double[] logSoftmax(double[] z, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v / temperature);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v / temperature - max);
        }
        double[] out = new double[z.length];
        for (int c = 0; c < z.length; c++) {
            out[c] = z[c] / temperature - max - Math.log(sum);
        }
        return out;
    }

    /**
     * The same from SameDiff ops: ND4J 1.0.0-M2.1's logSoftmax(x, dim) and logSumExp have
     * broken gradients, so it is written out.
     */
    private static SDVariable logSoftmax(SameDiff sd, SDVariable logits, double temperature) {
        SDVariable x = logits.div(temperature);
        SDVariable shifted = x.sub(x.max(true, 1));
        return shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
    }

    @Override
    public String toString() {
        return NAME + "(T=" + temperature + ", lambda=" + lambda + ")";
    }
}
