package io.lskd.distill;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Row-wise log-softmax of [B, K] logits at a temperature, from plain SameDiff ops.
 * {@code sd.nn.logSoftmax(x, dim)} crashes when gradients are built and
 * {@code sd.math.logSumExp} has a broken backward in ND4J 1.0.0-M2.1 (DL4J-NOTES.md), so
 * this spells out x - max(x) - log(sum(exp(x - max(x)))) along dimension 1.
 */
public final class GraphLogSoftmax {

    private GraphLogSoftmax() {}

    public static SDVariable of(SameDiff sd, SDVariable logits, double temperature) {
        SDVariable x = temperature == 1.0 ? logits : logits.div(temperature);
        SDVariable shifted = x.sub(x.max(true, 1));
        return shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
    }

    /** The batch mean of KL(softmax(t / T) || softmax(s / T)), the teacher's entropy included. */
    static SDVariable kl(SameDiff sd, SDVariable teacherLogits, SDVariable studentLogits, double temperature) {
        SDVariable logPt = of(sd, teacherLogits, temperature);
        SDVariable logPs = of(sd, studentLogits, temperature);
        return sd.math.exp(logPt).mul(logPt.sub(logPs)).sum(1).mean();
    }
}
