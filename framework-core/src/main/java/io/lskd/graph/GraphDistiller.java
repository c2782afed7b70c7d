package io.lskd.graph;

import io.lskd.spi.Distiller;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * The loss's named terms as scalar variables, with the names and values of
     * {@link Distiller#loss}'s terms; they sum to {@link #lossGraph}'s value. Trainers log each
     * term per epoch when there are several. By default the whole loss is one term, "loss".
     */
    default Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                              SDVariable targets) {
        return Map.of("loss", lossGraph(sd, studentLogits, teacherLogits, targets));
    }

    /** The sum of named scalar terms, in their order; the variable itself when there is one. */
    static SDVariable sum(Map<String, SDVariable> terms) {
        SDVariable total = null;
        for (SDVariable term : terms.values()) {
            total = total == null ? term : total.add(term);
        }
        if (total == null) {
            throw new IllegalArgumentException("a loss needs at least one term");
        }
        return total;
    }

    /** An ordered map of terms, for implementations. */
    static Map<String, SDVariable> terms(Object... nameThenVariable) {
        Map<String, SDVariable> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenVariable.length; i += 2) {
            out.put((String) nameThenVariable[i], (SDVariable) nameThenVariable[i + 1]);
        }
        return out;
    }
}
