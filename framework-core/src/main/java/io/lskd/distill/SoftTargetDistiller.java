package io.lskd.distill;

import io.lskd.config.Parameters;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Soft-target knowledge distillation without a hard-label term:
 * {@code L = -(1/B) sum_i sum_c softmax(z^t_i / T)_c log softmax(z^s_i / T)_c}.
 *
 * <p>Shen et al. 2021, "Is label smoothing truly incompatible with knowledge distillation",
 * Eq. 3-4, with T = 1 (also ReActNet's distributional loss). In this form label smoothing and
 * KD optimise the same objective and differ only in where the soft label comes from
 * (their Property 1). The gradient is {@code (softmax(z^s/T) - softmax(z^t/T)) / (T B)}. The
 * smoothed targets are not used; the one term is reported as {@code "kd"}.
 */
public final class SoftTargetDistiller implements GraphDistiller {

    public static final String NAME = "soft-target";

    private final double temperature;

    /** T = 1, the paper's setting. */
    public SoftTargetDistiller() {
        this(1.0);
    }

    /** @param temperature T, positive; both distributions are softened by it */
    public SoftTargetDistiller(double temperature) {
        this.temperature = Parameters.temperature(NAME, temperature);
    }

    public double temperature() {
        return temperature;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsTeacher() {
        return true;
    }

    /** Ignores {@code targets} (it may be null). */
    @Override
    public LossValue loss(double[][] studentLogits, double[][] teacherLogits, double[][] targets) {
        int[] shape = Batch.shape(NAME, "studentLogits", studentLogits);
        Batch.sameShape(NAME, "teacherLogits", teacherLogits, shape);
        int b = shape[0];
        double[][] logPs = LogSoftmax.of(studentLogits, temperature);
        double[][] logPt = LogSoftmax.of(teacherLogits, temperature);
        double[][] grad = new double[b][];
        double total = 0.0;
        for (int i = 0; i < b; i++) {
            double[] pt = LogSoftmax.exp(logPt[i]);
            total += SoftCrossEntropy.value(logPs[i], pt);
            // the 1/T is the chain rule through z^s / T
            grad[i] = SoftCrossEntropy.gradient(logPs[i], pt, 1.0 / (temperature * b));
        }
        double value = total / b;
        return new LossValue(value, grad, Map.of("kd", value));
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        SDVariable pt = sd.math.exp(GraphLogSoftmax.of(sd, teacherLogits, temperature));
        return SoftCrossEntropy.graph(GraphLogSoftmax.of(sd, studentLogits, temperature), pt);
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        return Map.of("kd", lossGraph(sd, studentLogits, teacherLogits, targets));
    }

    @Override
    public String toString() {
        return NAME + "(T=" + temperature + ")";
    }
}
