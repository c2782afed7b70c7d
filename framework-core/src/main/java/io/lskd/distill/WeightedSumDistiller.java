package io.lskd.distill;

import io.lskd.config.Parameters;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A weighted sum of named losses, {@code L = sum_n w_n L_n}, so that a suite combines any
 * distillers without new code (torchdistill's "weighted sum of named terms").
 *
 * <p>Terms: an entry whose loss has one term is reported under the entry's name; one with
 * several under {@code "<entry>.<term>"}; each already weighted, so they sum to the value.
 * Every entry sees the same student logits, teacher logits and targets; the sum needs a
 * teacher when any entry does.
 */
public final class WeightedSumDistiller implements GraphDistiller {

    public static final String NAME = "weighted-sum";

    /** One named, weighted loss. */
    public record Entry(String name, double weight, GraphDistiller distiller) {
        public Entry {
            checkName(name);
            Parameters.weight(NAME, "weight of '" + name + "'", weight);
            if (distiller == null) {
                throw new IllegalArgumentException(NAME + ": entry '" + name + "' has no distiller");
            }
        }
    }

    private final List<Entry> entries;

    /** Entry names become parts of term names ("entry.term"), so they are kept plain. */
    static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(NAME + ": an entry name must be letters, digits, '-' or '_', got '"
                    + name + "'");
        }
    }

    /** @param entries at least one, with distinct names and weights that sum to more than 0 */
    public WeightedSumDistiller(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": needs at least one entry");
        }
        Set<String> names = new HashSet<>();
        double total = 0.0;
        for (Entry e : entries) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException(NAME + ": two entries are named '" + e.name() + "'");
            }
            total += e.weight();
        }
        if (!(total > 0.0)) {
            throw new IllegalArgumentException(NAME + ": the weights must sum to a value in (0, inf), got " + total);
        }
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsTeacher() {
        return entries.stream().anyMatch(e -> e.distiller().needsTeacher());
    }

    @Override
    public LossValue loss(double[][] studentLogits, double[][] teacherLogits, double[][] targets) {
        int[] shape = Batch.shape(NAME, "studentLogits", studentLogits);
        double value = 0.0;
        double[][] grad = new double[shape[0]][shape[1]];
        Map<String, Double> terms = new LinkedHashMap<>();
        for (Entry e : entries) {
            LossValue part = e.distiller().loss(studentLogits, e.distiller().needsTeacher() ? teacherLogits : null,
                    targets);
            value += e.weight() * part.value();
            for (int i = 0; i < grad.length; i++) {
                for (int c = 0; c < grad[i].length; c++) {
                    grad[i][c] += e.weight() * part.gradient()[i][c];
                }
            }
            part.terms().forEach((term, v) -> terms.put(termName(e, part.terms().size(), term), e.weight() * v));
        }
        return new LossValue(value, grad, terms);
    }

    @Override
    public SDVariable lossGraph(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits, SDVariable targets) {
        return GraphDistiller.sum(lossTerms(sd, studentLogits, teacherLogits, targets));
    }

    @Override
    public Map<String, SDVariable> lossTerms(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                             SDVariable targets) {
        Map<String, SDVariable> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            Map<String, SDVariable> part = e.distiller().lossTerms(sd, studentLogits,
                    e.distiller().needsTeacher() ? teacherLogits : null, targets);
            part.forEach((term, v) -> out.put(termName(e, part.size(), term), v.mul(e.weight())));
        }
        return out;
    }

    private static String termName(Entry e, int termsOfEntry, String term) {
        return termsOfEntry == 1 ? e.name() : e.name() + "." + term;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        entries.forEach(e -> parts.add(e.weight() + " * " + e.name() + ":" + e.distiller()));
        return NAME + "(" + String.join(" + ", parts) + ")";
    }
}
