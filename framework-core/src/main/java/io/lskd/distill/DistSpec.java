package io.lskd.distill;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.graph.GraphDistiller;
import io.lskd.spec.DistillerSpec;

/** DIST (see {@link DistDistiller}). */
@TypeName(DistDistiller.NAME)
@Doc("DIST: w CE + T^2 (b (1 - inter-class Pearson) + g (1 - intra-class Pearson)) on p(T) (Huang et al. 2022)")
public record DistSpec(
        @Range(min = 0, minExclusive = true) @Doc("Temperature T (default 1)") Double temperature,
        @Range(min = 0) @Doc("Weight b of the inter-class term (default 1)") Double beta,
        @Range(min = 0) @Doc("Weight g of the intra-class term (default 1)") Double gamma,
        @Range(min = 0) @Doc("Weight w of the cross-entropy on the targets (default 1)") Double ceWeight)
        implements DistillerSpec {

    public DistSpec {
        temperature = temperature == null ? 1.0 : temperature;
        beta = beta == null ? 1.0 : beta;
        gamma = gamma == null ? 1.0 : gamma;
        ceWeight = ceWeight == null ? 1.0 : ceWeight;
    }

    @Override
    public GraphDistiller create() {
        return new DistDistiller(temperature, beta, gamma, ceWeight);
    }
}
