package io.lskd.graph;

import io.lskd.spi.Distiller;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A {@link Distiller} that can also build its loss as SameDiff ops, for training graphs.
 * The graph must compute exactly {@link Distiller#loss}'s value (a parity test checks it) and
 * use only ops whose gradients are proven by a numeric gradient check (DL4J-NOTES.md lists
 * the ones that are silently wrong in M2.1: every {@code sd.loss.*} with masks or weights,
 * {@code logSoftmax(x, dim)}, {@code logSumExp}).
 */
public interface GraphDistiller extends Distiller {

    /**
     * The batch-mean loss as a scalar variable.
     *
     * @param studentLogits [B, K], trained
     * @param teacherLogits [B, K], a placeholder or constant; null when {@link #needsTeacher()}
     *     is false
     * @param targets the smoothed hard-label targets [B, K], a placeholder or constant
     */
    SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets);
}
