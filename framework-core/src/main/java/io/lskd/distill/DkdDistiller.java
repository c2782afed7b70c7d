package io.lskd.distill;

import io.lskd.config.Parameters;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Decoupled knowledge distillation, batch means:
 * {@code L = w CE(q, p^s) + T^2 (a TCKD + b NCKD)} with, at x = z / T and t the target class,
 * <ul>
 *   <li>{@code TCKD = KL([b^t, 1 - b^t] || [b^s, 1 - b^s])}, {@code b = softmax(x)_t}: the binary
 *       target-versus-rest distribution;</li>
 *   <li>{@code NCKD = KL(r^t || r^s)}, {@code r = softmax} over the K - 1 non-target classes of x:
 *       the distribution among the other classes, renormalised.</li>
 * </ul>
 * Zhao, Cui, Song, Qiu and Liang, "Decoupled Knowledge Distillation", CVPR 2022, Eq. 1-7; its
 * mdistiller code multiplies both KL terms by T^2 and adds CE with weight 1 (defaults here:
 * w = 1, a = 1, b = 8, T = 4, their CIFAR-100 setting). mdistiller's linear warm-up of the KD
 * terms over the first 20 epochs is not applied.
 *
 * <p>The target class is the argmax of the targets row (the first on ties), which is the hard
 * label for every built-in smoother. Gradient with respect to z^s_j, per row and before the
 * batch mean: {@code T (a (p^s_j - b^t [j=t] - (1 - b^t) [j!=t] r^s_j) + b [j!=t] (r^s_j - r^t_j))}
 * plus the CE term's {@code w (p_j - q_j)}. Terms: "ce", "tckd", "nckd" (each weighted, T^2
 * included). Log-probabilities of the non-target classes are taken relative to a log-sum-exp
 * over those classes, so neither term loses precision when the target class dominates.
 */
public final class DkdDistiller implements GraphDistiller {

    public static final String NAME = "dkd";

    /** Subtracted from the target logit (after division by T) to leave it out of a graph log-sum-exp. */
    private static final double EXCLUDED = 1e4;

    private final double temperature;
    private final double alpha;
    private final double beta;
    private final double ceWeight;

    /**
     * @param temperature T, positive
     * @param alpha a, the weight of TCKD, at least 0
     * @param beta b, the weight of NCKD, at least 0
     * @param ceWeight w, the weight of the cross-entropy on the targets, at least 0
     */
    public DkdDistiller(double temperature, double alpha, double beta, double ceWeight) {
        this.temperature = Parameters.temperature(NAME, temperature);
        this.alpha = Parameters.weight(NAME, "alpha", alpha);
        this.beta = Parameters.weight(NAME, "beta", beta);
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
        int[] label = Batch.argmax(targets);
        double[][] logPs = LogSoftmax.of(studentLogits, 1.0);
        double t2 = temperature * temperature;
        double ce = 0.0;
        double tckd = 0.0;
        double nckd = 0.0;
        double[][] grad = new double[b][];
        for (int i = 0; i < b; i++) {
            int t = label[i];
            Split s = new Split(studentLogits[i], temperature, t);
            Split te = new Split(teacherLogits[i], temperature, t);
            double bt = Math.exp(te.logTarget);
            double restT = Math.exp(te.logRest);
            tckd += bt * (te.logTarget - s.logTarget) + restT * (te.logRest - s.logRest);
            for (int c = 0; c < k; c++) {
                if (c != t) {
                    double rt = Math.exp(te.logOther[c]);
                    nckd += rt * (te.logOther[c] - s.logOther[c]);
                }
            }
            ce += SoftCrossEntropy.value(logPs[i], targets[i]);
            grad[i] = SoftCrossEntropy.gradient(logPs[i], targets[i], ceWeight / b);
            double scale = temperature / b;
            for (int c = 0; c < k; c++) {
                double p = Math.exp(s.logAll[c]);
                double dTckd = c == t ? p - bt : p - restT * Math.exp(s.logOther[c]);
                double dNckd = c == t ? 0.0 : Math.exp(s.logOther[c]) - Math.exp(te.logOther[c]);
                grad[i][c] += scale * (alpha * dTckd + beta * dNckd);
            }
        }
        double ceTerm = ceWeight * ce / b;
        double tckdTerm = alpha * t2 * tckd / b;
        double nckdTerm = beta * t2 * nckd / b;
        return new LossValue(ceTerm + tckdTerm + nckdTerm, grad,
                Map.of("ce", ceTerm, "tckd", tckdTerm, "nckd", nckdTerm));
    }

    /** One row of logits at temperature T split around the target class t, in log space. */
    private static final class Split {
        final double logTarget;
        final double logRest;
        final double[] logAll;
        final double[] logOther;

        Split(double[] z, double temperature, int t) {
            int k = z.length;
            double max = Double.NEGATIVE_INFINITY;
            double maxOther = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[c] / temperature);
                if (c != t) {
                    maxOther = Math.max(maxOther, z[c] / temperature);
                }
            }
            double sum = 0.0;
            double sumOther = 0.0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[c] / temperature - max);
                if (c != t) {
                    sumOther += Math.exp(z[c] / temperature - maxOther);
                }
            }
            double lse = max + Math.log(sum);
            double lseOther = maxOther + Math.log(sumOther);
            logAll = new double[k];
            logOther = new double[k];
            for (int c = 0; c < k; c++) {
                logAll[c] = z[c] / temperature - lse;
                logOther[c] = c == t ? Double.NaN : z[c] / temperature - lseOther;
            }
            logTarget = logAll[t];
            logRest = lseOther - lse;
        }
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        return GraphDistiller.sum(lossTerms(sd, studentLogits, teacherLogits, targets));
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        DataType type = studentLogits.dataType();
        SDVariable ce = SoftCrossEntropy.graph(GraphLogSoftmax.of(sd, studentLogits, 1.0), targets);
        long k = targets.getShape()[1];
        if (k < 2) {
            throw new IllegalStateException(NAME + ": the targets' class dimension must be known when the graph is"
                    + " built, and at least 2; got " + k);
        }
        // the first argmax of each targets row, one-hot; a placeholder's function, so no gradient flows into it
        SDVariable mask = sd.oneHot(sd.argmax(targets, 1), (int) k).castTo(type);
        GraphSplit s = new GraphSplit(sd, studentLogits, mask);
        GraphSplit t = new GraphSplit(sd, teacherLogits, mask);
        SDVariable bt = sd.math.exp(t.logTarget);
        SDVariable restT = sd.math.exp(t.logRest);
        SDVariable tckd = bt.mul(t.logTarget.sub(s.logTarget)).add(restT.mul(t.logRest.sub(s.logRest))).mean();
        SDVariable rt = sd.math.exp(t.logOther);
        SDVariable nckd = rt.mul(t.logOther.sub(s.logOther)).sum(1).mean();
        double t2 = temperature * temperature;
        return GraphDistiller.terms("ce", ce.mul(ceWeight), "tckd", tckd.mul(alpha * t2), "nckd", nckd.mul(beta * t2));
    }

    /** {@link Split} as graph ops, [B, 1] and [B, K]; {@code logOther} is about -1e4 at the target class, so its exp is 0. */
    private final class GraphSplit {
        final SDVariable logTarget;
        final SDVariable logRest;
        final SDVariable logOther;

        GraphSplit(SameDiff sd, SDVariable logits, SDVariable mask) {
            SDVariable x = logits.div(temperature);
            SDVariable lse = logSumExp(sd, x);
            SDVariable xOther = x.sub(mask.mul(EXCLUDED));
            SDVariable lseOther = logSumExp(sd, xOther);
            logTarget = x.sub(lse).mul(mask).sum(true, 1);
            logRest = lseOther.sub(lse);
            logOther = xOther.sub(lseOther);
        }
    }

    /** log(sum(exp(x))) along dimension 1, kept as [B, 1], shifted by the row max. */
    private static SDVariable logSumExp(SameDiff sd, SDVariable x) {
        SDVariable max = x.max(true, 1);
        return max.add(sd.math.log(sd.math.exp(x.sub(max)).sum(true, 1)));
    }

    @Override
    public String toString() {
        return NAME + "(T=" + temperature + ", alpha=" + alpha + ", beta=" + beta + ", ceWeight=" + ceWeight + ")";
    }
}
