package io.lskd.distill;

import io.lskd.graph.GraphDistiller;
import io.lskd.spi.Distiller;
import io.lskd.spi.LossValue;
import io.lskd.spi.PenaltySmoother;
import io.lskd.spi.Smoother;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * An arm's training loss: its distiller's loss plus the penalty of its smoother, when the
 * smoother is a {@link PenaltySmoother} (MaxSup, the confidence penalty). The terms are the
 * distiller's and the penalty's, side by side.
 */
public final class PenalizedDistiller implements GraphDistiller {

    private final GraphDistiller base;
    private final GraphDistiller penalty;

    private PenalizedDistiller(GraphDistiller base, GraphDistiller penalty) {
        this.base = base;
        this.penalty = penalty;
    }

    /**
     * The loss an arm trains with: {@code distiller} alone, or with the smoother's penalty added.
     *
     * @throws IllegalArgumentException when the penalty has no graph form or its term names clash
     *     with the distiller's
     */
    public static GraphDistiller of(GraphDistiller distiller, Smoother smoother) {
        if (!(smoother instanceof PenaltySmoother penaltySmoother)) {
            return distiller;
        }
        Distiller penalty = penaltySmoother.penalty();
        if (!(penalty instanceof GraphDistiller graphPenalty)) {
            throw new IllegalArgumentException("smoother '" + smoother.name() + "': its penalty "
                    + penalty.getClass().getName() + " has no SameDiff form (it must implement GraphDistiller)");
        }
        return new PenalizedDistiller(distiller, graphPenalty);
    }

    @Override
    public String name() {
        return base.name() + "+" + penalty.name();
    }

    @Override
    public boolean needsTeacher() {
        return base.needsTeacher();
    }

    @Override
    public LossValue loss(double[][] studentLogits, double[][] teacherLogits, double[][] targets) {
        LossValue a = base.loss(studentLogits, teacherLogits, targets);
        LossValue b = penalty.loss(studentLogits, null, targets);
        double[][] grad = new double[a.gradient().length][];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = a.gradient()[i].clone();
            for (int c = 0; c < grad[i].length; c++) {
                grad[i][c] += b.gradient()[i][c];
            }
        }
        return new LossValue(a.value() + b.value(), grad, merge(a.terms(), b.terms()));
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        return GraphDistiller.sum(lossTerms(sd, studentLogits, teacherLogits, targets));
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        return merge(base.lossTerms(sd, studentLogits, teacherLogits, targets),
                penalty.lossTerms(sd, studentLogits, null, targets));
    }

    private <V> Map<String, V> merge(Map<String, V> first, Map<String, V> second) {
        Map<String, V> out = new LinkedHashMap<>(first);
        second.forEach((name, v) -> {
            if (out.putIfAbsent(name, v) != null) {
                throw new IllegalArgumentException("the loss term '" + name + "' of penalty " + penalty
                        + " clashes with a term of distiller " + base);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return base + " + " + penalty;
    }
}
