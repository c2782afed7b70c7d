package io.lskd.nmt.loss;

import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Sequence-level knowledge distillation (Kim and Rush 2016, "Sequence-level knowledge
 * distillation", EMNLP): the student is trained with the ordinary (smoothed) cross-entropy,
 * but on the teacher's beam-search translations of the training sources instead of the
 * references. The teacher enters through the targets, which the translation task replaces
 * before training; the loss on a batch is therefore the cross-entropy and ignores teacher
 * logits. A task that cannot decode has no use for it.
 */
public final class SequenceKdDistiller implements GraphDistiller {

    public static final String NAME = "seq-kd";

    private final int beamSize;
    private final CrossEntropyDistiller crossEntropy = new CrossEntropyDistiller();

    /** @param beamSize the teacher's beam when it translates the training sources, at least 1 */
    public SequenceKdDistiller(int beamSize) {
        if (beamSize < 1) {
            throw new IllegalArgumentException("beamSize must be at least 1, got " + beamSize);
        }
        this.beamSize = beamSize;
    }

    public int beamSize() {
        return beamSize;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** True: a teacher arm must be named, whose translations become the targets. */
    @Override
    public boolean needsTeacher() {
        return true;
    }

    /** The cross-entropy on the targets; {@code teacherLogits} is ignored (see the class comment). */
    @Override
    public LossValue loss(double[][] studentLogits, double[][] teacherLogits, double[][] targets) {
        return crossEntropy.loss(studentLogits, null, targets);
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        return crossEntropy.lossGraph(sd, studentLogits, null, targets);
    }

    @Override
    public String toString() {
        return NAME + "(beam=" + beamSize + ")";
    }
}
