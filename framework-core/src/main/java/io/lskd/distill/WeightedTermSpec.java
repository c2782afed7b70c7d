package io.lskd.distill;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.Required;
import io.lskd.spec.DistillerSpec;

/** One entry of a {@link WeightedSumSpec}: a loss and its weight. */
@Doc("A weighted loss in a weighted sum")
public record WeightedTermSpec(
        @Range(min = 0) @Doc("Weight of this loss (default 1)") Double weight,
        @Required @Doc("The loss") DistillerSpec distiller) {

    public WeightedTermSpec {
        weight = weight == null ? 1.0 : weight;
    }
}
