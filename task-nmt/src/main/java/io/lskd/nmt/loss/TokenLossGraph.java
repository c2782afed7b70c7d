package io.lskd.nmt.loss;

import io.lskd.distill.GraphLogSoftmax;
import io.lskd.graph.GraphDistiller;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A translation loss as graph ops: the run's distiller applied to every target position, padding
 * masked, averaged over the real tokens (fairseq's normalisation by the token count):
 * {@code L = sum_n m_n l_n / sum_n m_n}. Per position l_n is the smoothed cross-entropy
 * ({@code cross-entropy}, {@code seq-kd}) or {@link WordKdDistiller#mixed} ({@code word-kd}).
 * Its value equals the distiller's reference {@code loss} on the unpadded rows (a parity test
 * checks it). Written from plain ops; {@code sd.loss.*} drops masks in backward (DL4J-NOTES.md).
 */
public final class TokenLossGraph {

    private TokenLossGraph() {}

    /**
     * @param logits [N, V], N = B*T target positions
     * @param targetIds [N], integer
     * @param mask [N], 1 on real tokens, 0 on padding
     * @param teacherTarget [N, V] the word-KD teacher distribution, or null for the other losses
     */
    public static SDVariable build(SameDiff sd, GraphDistiller distiller, TokenTargets targets, SDVariable logits,
                                   SDVariable targetIds, SDVariable mask, SDVariable teacherTarget, int vocabSize) {
        SDVariable y = sd.oneHot(targetIds, vocabSize, -1, targets.onLabel(), targets.offLabel(), logits.dataType());
        SDVariable perToken;
        if (distiller instanceof WordKdDistiller wordKd) {
            if (teacherTarget == null) {
                throw new IllegalArgumentException("word-kd needs the teacher's target distribution");
            }
            perToken = wordKd.mixed(sd, logits, teacherTarget, y);
        } else if (!distiller.needsTeacher() || distiller instanceof SequenceKdDistiller) {
            perToken = y.mul(GraphLogSoftmax.of(sd, logits, 1.0)).sum(1).neg();
        } else {
            throw new IllegalArgumentException("distiller '" + distiller.name() + "' cannot train a translation model;"
                    + " use cross-entropy, word-kd or seq-kd");
        }
        return perToken.mul(mask).sum().div(mask.sum());
    }

    /** Whether the loss reads a teacher distribution per position (word-level KD). */
    public static boolean needsTeacherTarget(GraphDistiller distiller) {
        return distiller instanceof WordKdDistiller;
    }
}
