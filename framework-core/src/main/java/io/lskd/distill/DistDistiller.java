package io.lskd.distill;

import io.lskd.config.Parameters;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * DIST, distillation from a stronger teacher by relations, batch-level:
 * {@code L = w CE(q, p^s) + T^2 (b (1 - mean_i r(P^s[i,:], P^t[i,:])) + g (1 - mean_j r(P^s[:,j], P^t[:,j])))},
 * with P = softmax(z / T) as a [B][K] matrix and r the Pearson correlation: the inter-class
 * term correlates each sample's class distribution, the intra-class term each class's scores
 * across the batch.
 *
 * <p>Huang, You, Wang, Qian and Xu, "Knowledge Distillation from A Stronger Teacher",
 * NeurIPS 2022, Eq. 5-8; defaults b = g = 1, T = 1 and CE weight 1 as their ImageNet
 * setting. The correlation is {@code r(u, v) = <u', v'> / sqrt(|u'|^2 |v'|^2 + eps^2)} with
 * u' = u - mean(u) and eps = 1e-8: the released code divides by {@code |u'| |v'| + eps}; the
 * two agree except for vectors whose spread is near eps, and this form keeps the gradient
 * finite when a spread is exactly zero (a one-sample batch has no intra-class spread).
 *
 * <p>Gradient: for one correlation, {@code dr/du = v' / N - <u', v'> |v'|^2 u' / N^3},
 * N = sqrt(|u'|^2 |v'|^2 + eps^2) (already centred), scaled by -T^2 b / B (rows) or
 * -T^2 g / K (columns), then through the softmax at T. Terms: "ce", "inter", "intra".
 */
public final class DistDistiller implements GraphDistiller {

    public static final String NAME = "dist";

    static final double EPS = 1e-8;

    private final double temperature;
    private final double beta;
    private final double gamma;
    private final double ceWeight;

    /**
     * @param temperature T, positive
     * @param beta b, the weight of the inter-class term, at least 0
     * @param gamma g, the weight of the intra-class term, at least 0
     * @param ceWeight w, the weight of the cross-entropy on the targets, at least 0
     */
    public DistDistiller(double temperature, double beta, double gamma, double ceWeight) {
        this.temperature = Parameters.temperature(NAME, temperature);
        this.beta = Parameters.weight(NAME, "beta", beta);
        this.gamma = Parameters.weight(NAME, "gamma", gamma);
        this.ceWeight = Parameters.weight(NAME, "ceWeight", ceWeight);
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
        int[] shape = Batch.shape(NAME, "studentLogits", studentLogits);
        Batch.sameShape(NAME, "teacherLogits", teacherLogits, shape);
        Batch.sameShape(NAME, "targets", targets, shape);
        int b = shape[0];
        int k = shape[1];
        double[][] logPs = LogSoftmax.of(studentLogits, 1.0);
        double[][] ps = exp(LogSoftmax.of(studentLogits, temperature));
        double[][] pt = exp(LogSoftmax.of(teacherLogits, temperature));
        double t2 = temperature * temperature;
        double[][] dP = new double[b][k];
        double interSum = 0.0;
        for (int i = 0; i < b; i++) {
            Correlation r = new Correlation(ps[i], pt[i]);
            interSum += r.value;
            for (int c = 0; c < k; c++) {
                dP[i][c] -= t2 * beta / b * r.gradient[c];
            }
        }
        double intraSum = 0.0;
        for (int c = 0; c < k; c++) {
            double[] u = new double[b];
            double[] v = new double[b];
            for (int i = 0; i < b; i++) {
                u[i] = ps[i][c];
                v[i] = pt[i][c];
            }
            Correlation r = new Correlation(u, v);
            intraSum += r.value;
            for (int i = 0; i < b; i++) {
                dP[i][c] -= t2 * gamma / k * r.gradient[i];
            }
        }
        double ce = 0.0;
        double[][] grad = new double[b][];
        for (int i = 0; i < b; i++) {
            ce += SoftCrossEntropy.value(logPs[i], targets[i]);
            grad[i] = SoftCrossEntropy.gradient(logPs[i], targets[i], ceWeight / b);
            double dot = 0.0;
            for (int c = 0; c < k; c++) {
                dot += dP[i][c] * ps[i][c];
            }
            for (int c = 0; c < k; c++) {
                // through p = softmax(z / T): dp_c/dz_j = p_c (delta_cj - p_j) / T
                grad[i][c] += ps[i][c] * (dP[i][c] - dot) / temperature;
            }
        }
        double ceTerm = ceWeight * ce / b;
        double inter = t2 * beta * (1.0 - interSum / b);
        double intra = t2 * gamma * (1.0 - intraSum / k);
        return new LossValue(ceTerm + inter + intra, grad, Map.of("ce", ceTerm, "inter", inter, "intra", intra));
    }

    /** The correlation of u and v and its gradient with respect to u. */
    private static final class Correlation {
        final double value;
        final double[] gradient;

        Correlation(double[] u, double[] v) {
            int n = u.length;
            double meanU = 0.0;
            double meanV = 0.0;
            for (int i = 0; i < n; i++) {
                meanU += u[i] / n;
                meanV += v[i] / n;
            }
            double[] cu = new double[n];
            double[] cv = new double[n];
            double uv = 0.0;
            double uu = 0.0;
            double vv = 0.0;
            for (int i = 0; i < n; i++) {
                cu[i] = u[i] - meanU;
                cv[i] = v[i] - meanV;
                uv += cu[i] * cv[i];
                uu += cu[i] * cu[i];
                vv += cv[i] * cv[i];
            }
            double norm = Math.sqrt(uu * vv + EPS * EPS);
            value = uv / norm;
            gradient = new double[n];
            for (int i = 0; i < n; i++) {
                gradient[i] = cv[i] / norm - uv * vv * cu[i] / (norm * norm * norm);
            }
        }
    }

    private static double[][] exp(double[][] logP) {
        double[][] out = new double[logP.length][];
        for (int i = 0; i < logP.length; i++) {
            out[i] = LogSoftmax.exp(logP[i]);
        }
        return out;
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        return GraphDistiller.sum(lossTerms(sd, studentLogits, teacherLogits, targets));
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        SDVariable ce = SoftCrossEntropy.graph(GraphLogSoftmax.of(sd, studentLogits, 1.0), targets);
        SDVariable ps = sd.math.exp(GraphLogSoftmax.of(sd, studentLogits, temperature));
        SDVariable pt = sd.math.exp(GraphLogSoftmax.of(sd, teacherLogits, temperature));
        double t2 = temperature * temperature;
        SDVariable inter = correlation(sd, ps, pt, 1).mean().rsub(1.0).mul(t2 * beta);
        SDVariable intra = correlation(sd, ps, pt, 0).mean().rsub(1.0).mul(t2 * gamma);
        return GraphDistiller.terms("ce", ce.mul(ceWeight), "inter", inter, "intra", intra);
    }

    /** The correlation of u and v along {@code dimension} (1: per row, 0: per column). */
    private static SDVariable correlation(SameDiff sd, SDVariable u, SDVariable v, int dimension) {
        SDVariable cu = u.sub(u.mean(true, dimension));
        SDVariable cv = v.sub(v.mean(true, dimension));
        SDVariable uv = cu.mul(cv).sum(dimension);
        SDVariable spread = cu.mul(cu).sum(dimension).mul(cv.mul(cv).sum(dimension));
        return uv.div(sd.math.sqrt(spread.add(EPS * EPS)));
    }

    @Override
    public String toString() {
        return NAME + "(T=" + temperature + ", beta=" + beta + ", gamma=" + gamma + ", ceWeight=" + ceWeight + ")";
    }
}
