package io.lskd.nmt.loss;

import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.distill.GraphLogSoftmax;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Word-level knowledge distillation on the teacher's top-k tokens, mixed with the (label-
 * smoothed) cross-entropy, as in Tan et al. 2019 ("Multilingual neural machine translation
 * with knowledge distillation", ICLR), whose code Shen et al. used for translation. Per
 * token (a row):
 * <pre>
 * q_v = softmax(z^t_topk / T)_v for the teacher's k largest logits, 0 elsewhere
 * L   = a T^2 (-sum_v q_v log softmax(z^s / T)_v) + (1 - a) (-sum_v y_v log softmax(z^s)_v)
 * </pre>
 * with y the smoothed targets, averaged over the rows (tokens). The teacher's distribution
 * is renormalised over its top k at the temperature, as that code does. Terms: {@code "kd"}
 * (weighted) and {@code "ce"} (weighted).
 */
public final class WordKdDistiller implements GraphDistiller {

    public static final String NAME = "word-kd";

    private final double temperature;
    private final double alpha;
    private final int topK;

    /**
     * @param temperature T, positive
     * @param alpha a, the weight of the KD term, in [0, 1]
     * @param topK k, how many of the teacher's tokens are kept, at least 1
     */
    public WordKdDistiller(double temperature, double alpha, int topK) {
        if (!(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, got " + topK);
        }
        this.temperature = temperature;
        this.alpha = alpha;
        this.topK = topK;
    }

    public double temperature() {
        return temperature;
    }

    public double alpha() {
        return alpha;
    }

    public int topK() {
        return topK;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsTeacher() {
        return true;
    }

    /**
     * The teacher's target q for one token: softmax at T over its k largest logits (ties at the
     * k-th value broken towards the lower index), 0 elsewhere. Writes into {@code out}.
     */
    public void teacherDistribution(double[] teacherLogits, double[] out) {
        int v = teacherLogits.length;
        int k = Math.min(topK, v);
        int[] top = topIndices(teacherLogits, k);
        Arrays.fill(out, 0.0);
        double max = teacherLogits[top[0]] / temperature;
        double sum = 0;
        for (int i : top) {
            out[i] = Math.exp(teacherLogits[i] / temperature - max);
            sum += out[i];
        }
        for (int i : top) {
            out[i] /= sum;
        }
    }

    /** The k largest entries' indices, largest first. */
    static int[] topIndices(double[] x, int k) {
        int[] top = new int[k];
        int filled = 0;
        for (int i = 0; i < x.length; i++) {
            if (filled < k) {
                top[filled++] = i;
            } else if (x[i] > x[top[k - 1]]) {
                top[k - 1] = i;
            } else {
                continue;
            }
            for (int j = filled - 1; j > 0 && x[top[j]] > x[top[j - 1]]; j--) {
                int t = top[j];
                top[j] = top[j - 1];
                top[j - 1] = t;
            }
        }
        return top;
    }

    @Override
    public LossValue loss(double[][] studentLogits, double[][] teacherLogits, double[][] targets) {
        if (teacherLogits == null || teacherLogits.length != studentLogits.length) {
            throw new IllegalArgumentException("teacherLogits must have one row per student row");
        }
        LossValue ce = new CrossEntropyDistiller().loss(studentLogits, null, targets);
        int b = studentLogits.length;
        int v = studentLogits[0].length;
        double[][] grad = new double[b][v];
        double kd = 0;
        double[] q = new double[v];
        double kdScale = alpha * temperature * temperature;
        for (int i = 0; i < b; i++) {
            if (teacherLogits[i].length != v) {
                throw new IllegalArgumentException("teacherLogits row " + i + " has " + teacherLogits[i].length
                        + " columns, studentLogits has " + v);
            }
            teacherDistribution(teacherLogits[i], q);
            double[] logPs = logSoftmax(studentLogits[i], temperature);
            double qSum = 0;
            for (int c = 0; c < v; c++) {
                kd -= q[c] * logPs[c];
                qSum += q[c];
            }
            for (int c = 0; c < v; c++) {
                // d/dz of -sum q log softmax(z/T) = (p(T) sum(q) - q) / T
                double kdGrad = (Math.exp(logPs[c]) * qSum - q[c]) / temperature;
                grad[i][c] = kdScale * kdGrad / b + (1 - alpha) * ce.gradient()[i][c];
            }
        }
        double kdTerm = kdScale * kd / b;
        double ceTerm = (1 - alpha) * ce.value();
        return new LossValue(kdTerm + ceTerm, grad, Map.of("kd", kdTerm, "ce", ceTerm));
    }

    /**
     * The same loss over [B, K] rows, from raw teacher logits like other distillers. The
     * teacher's top k is found in the graph as the entries with fewer than k larger ones, by a
     * [B, K, K] comparison (fine for class counts; a translation graph feeds the precomputed
     * distribution to {@link #mixed} instead). Ties at the k-th value are all kept here.
     */
    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        SDVariable scaled = teacherLogits.div(temperature);
        SDVariable larger = sd.expandDims(scaled, 1).gt(sd.expandDims(scaled, 2)).castTo(scaled.dataType()).sum(2);
        SDVariable keep = larger.lt(topK).castTo(scaled.dataType());
        SDVariable e = sd.math.exp(scaled.sub(scaled.max(true, 1))).mul(keep);
        SDVariable q = e.div(e.sum(true, 1));
        return mixed(sd, studentLogits, q, targets).mean();
    }

    /**
     * Per-row loss a T^2 (-sum q log p^s(T)) + (1 - a) (-sum y log p^s), [rows], for a given
     * teacher target q: the form the translation graph masks and averages over real tokens.
     */
    public SDVariable mixed(SameDiff sd, SDVariable studentLogits, SDVariable q, SDVariable targets) {
        SDVariable kd = q.mul(GraphLogSoftmax.of(sd, studentLogits, temperature)).sum(1).neg();
        SDVariable ce = targets.mul(GraphLogSoftmax.of(sd, studentLogits, 1.0)).sum(1).neg();
        return kd.mul(alpha * temperature * temperature).add(ce.mul(1 - alpha));
    }

    private static double[] logSoftmax(double[] z, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : z) {
            max = Math.max(max, x / t);
        }
        double sum = 0;
        for (double x : z) {
            sum += Math.exp(x / t - max);
        }
        double log = Math.log(sum);
        double[] out = new double[z.length];
        for (int c = 0; c < z.length; c++) {
            out[c] = z[c] / t - max - log;
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + "(T=" + temperature + ", alpha=" + alpha + ", k=" + topK + ")";
    }
}
