package io.lskd.distill;

import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Cross-entropy of the student on the (smoothed) targets, without a teacher:
 * {@code L = -(1/B) sum_i sum_c q_ic log softmax(z^s_i)_c}.
 *
 * <p>With one-hot targets this is the negative log-likelihood; with {@code UniformSmoother}
 * targets it is label smoothing as in Szegedy et al. 2016 and Müller et al. 2019. Its one
 * term is reported as {@code "ce"}.
 */
public final class CrossEntropyDistiller implements GraphDistiller {

    public static final String NAME = "cross-entropy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsTeacher() {
        return false;
    }

    /** Ignores {@code teacherLogits}. */
    @Override
    public LossValue loss(double[][] studentLogits, double[][] teacherLogits, double[][] targets) {
        int[] shape = Batch.shape(NAME, "studentLogits", studentLogits);
        Batch.sameShape(NAME, "targets", targets, shape);
        int b = shape[0];
        double[][] logP = LogSoftmax.of(studentLogits, 1.0);
        double[][] grad = new double[b][];
        double total = 0.0;
        for (int i = 0; i < b; i++) {
            grad[i] = SoftCrossEntropy.gradient(logP[i], targets[i], 1.0 / b);
            total += SoftCrossEntropy.value(logP[i], targets[i]);
        }
        double value = total / b;
        return new LossValue(value, grad, Map.of("ce", value));
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        return SoftCrossEntropy.graph(GraphLogSoftmax.of(sd, studentLogits, 1.0), targets);
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        return Map.of("ce", lossGraph(sd, studentLogits, teacherLogits, targets));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
