package io.lskd.distill;

import io.lskd.config.Parameters;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Hinton knowledge distillation:
 * {@code L = (1 - l) CE(q, softmax(z^s)) + l T^2 KL(softmax(z^t/T) || softmax(z^s/T))},
 * batch means, with q the (smoothed) targets.
 *
 * <p>Hinton, Vinyals and Dean 2015, "Distilling the knowledge in a neural network"; the
 * general form used by Shen et al. 2021 for the temperature study and for NMT. The T^2 keeps
 * the soft term's gradient, {@code l T (p^s(T) - p^t(T)) / B}, on the scale of the hard
 * term's as T grows. The KL keeps the teacher-entropy constant, so the value is a true KL
 * (0 when student equals teacher). Terms: {@code "ce"} = (1 - l) CE and {@code "kd"} =
 * l T^2 KL; "ce" is reported, as 0, when l = 1.
 */
public final class HintonDistiller implements GraphDistiller {

    public static final String NAME = "hinton";

    private final double temperature;
    private final double lambda;

    /**
     * @param temperature T, positive
     * @param lambda l, the weight of the KD term, in [0, 1]
     */
    public HintonDistiller(double temperature, double lambda) {
        this.temperature = Parameters.temperature(NAME, temperature);
        this.lambda = Parameters.fraction(NAME, "lambda", lambda);
    }

    public double temperature() {
        return temperature;
    }

    public double lambda() {
        return lambda;
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
        double[][] logPsT = LogSoftmax.of(studentLogits, temperature);
        double[][] logPtT = LogSoftmax.of(teacherLogits, temperature);
        double ceWeight = 1.0 - lambda;
        double kdWeight = lambda * temperature * temperature;
        double[][] grad = new double[b][k];
        double ce = 0.0;
        double kl = 0.0;
        for (int i = 0; i < b; i++) {
            ce += SoftCrossEntropy.value(logPs[i], targets[i]);
            double[] pt = LogSoftmax.exp(logPtT[i]);
            // KL = cross-entropy minus the teacher's entropy; the entropy has no student gradient
            kl += SoftCrossEntropy.value(logPsT[i], pt) - SoftCrossEntropy.value(logPtT[i], pt);
            double[] gCe = SoftCrossEntropy.gradient(logPs[i], targets[i], ceWeight / b);
            double[] gKd = SoftCrossEntropy.gradient(logPsT[i], pt, kdWeight / (temperature * b));
            for (int c = 0; c < k; c++) {
                grad[i][c] = gCe[c] + gKd[c];
            }
        }
        double ceTerm = ceWeight * ce / b;
        double kdTerm = kdWeight * kl / b;
        return new LossValue(ceTerm + kdTerm, grad, Map.of("ce", ceTerm, "kd", kdTerm));
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        return GraphDistiller.sum(lossTerms(sd, studentLogits, teacherLogits, targets));
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        SDVariable ce = SoftCrossEntropy.graph(GraphLogSoftmax.of(sd, studentLogits, 1.0), targets);
        SDVariable kl = GraphLogSoftmax.kl(sd, teacherLogits, studentLogits, temperature);
        return GraphDistiller.terms("ce", ce.mul(1.0 - lambda), "kd", kl.mul(lambda * temperature * temperature));
    }

    @Override
    public String toString() {
        return NAME + "(T=" + temperature + ", lambda=" + lambda + ")";
    }
}
