package io.lskd.distill;

import io.lskd.config.Parameters;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Teacher-free self-distillation (Tf-KD self): a student distilled from an earlier, fully
 * trained copy of itself, {@code L = (1 - a) CE(q, p^s) + a T^2 KL(p^t(T) || p^s(T))}.
 *
 * <p>Yuan, Tay, Li, Wang and Feng, "Revisiting Knowledge Distillation via Label Smoothing
 * Regularization", CVPR 2020, Section 4 and their {@code loss_kd_self} (with its multiplier
 * 1). The loss is {@link HintonDistiller}'s; what makes it self-distillation is the teacher,
 * which a suite gives as an arm with the student's own model trained alone before it
 * ({@link TfKdSelfSpec} checks that the architectures match). Terms: "ce" and "kd".
 */
public final class TfKdSelfDistiller implements GraphDistiller {

    public static final String NAME = "tf-kd-self";

    private final HintonDistiller loss;

    /**
     * @param temperature T, positive
     * @param alpha a, the weight of the distillation term, in [0, 1]
     */
    public TfKdSelfDistiller(double temperature, double alpha) {
        // checked here too, so that a bad value is reported under this component's name
        Parameters.temperature(NAME, temperature);
        Parameters.fraction(NAME, "alpha", alpha);
        this.loss = new HintonDistiller(temperature, alpha);
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
        return loss.loss(studentLogits, teacherLogits, targets);
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        return loss.lossGraph(sd, studentLogits, teacherLogits, targets);
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        return loss.lossTerms(sd, studentLogits, teacherLogits, targets);
    }

    @Override
    public String toString() {
        return NAME + "(T=" + loss.temperature() + ", alpha=" + loss.lambda() + ")";
    }
}
