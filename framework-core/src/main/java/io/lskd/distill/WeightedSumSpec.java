package io.lskd.distill;

import io.lskd.config.Doc;
import io.lskd.config.Required;
import io.lskd.config.TypeName;
import io.lskd.graph.GraphDistiller;
import io.lskd.spec.DistillerSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weighted sum of named losses (see {@link WeightedSumDistiller}), e.g.
 * {@code {"type": "weighted-sum", "terms": {"ce": {"weight": 0.1, "distiller": {"type": "cross-entropy"}},
 * "kd": {"weight": 0.9, "distiller": {"type": "soft-target", "temperature": 4}}}}}.
 */
@TypeName(WeightedSumDistiller.NAME)
@Doc("Weighted sum of named losses, sum_n w_n L_n, each term logged per epoch (torchdistill style)")
public record WeightedSumSpec(
        @Required @Doc("The losses by name (letters, digits, '-', '_'), with their weights; the weights must not all be 0")
        Map<String, WeightedTermSpec> terms) implements DistillerSpec {

    public WeightedSumSpec {
        // file order is the order the terms are reported in
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        // checked here as well as in the distiller, so that a suite file's error points at this record
        double total = terms.values().stream().mapToDouble(WeightedTermSpec::weight).sum();
        if (!(total > 0.0)) {
            throw new IllegalArgumentException(WeightedSumDistiller.NAME
                    + ": the weights must sum to a value in (0, inf), got " + total);
        }
        terms.keySet().forEach(WeightedSumDistiller::checkName);
    }

    @Override
    public GraphDistiller create() {
        List<WeightedSumDistiller.Entry> entries = new ArrayList<>();
        terms.forEach((name, term) -> entries.add(
                new WeightedSumDistiller.Entry(name, term.weight(), term.distiller().create())));
        return new WeightedSumDistiller(entries);
    }

    @Override
    public boolean selfDistillation() {
        return terms.values().stream().anyMatch(t -> t.distiller().selfDistillation());
    }
}
