package io.lskd.distill;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.graph.GraphDistiller;
import io.lskd.spec.DistillerSpec;

/** Decoupled KD (see {@link DkdDistiller}). */
@TypeName(DkdDistiller.NAME)
@Doc("Decoupled KD: w CE + T^2 (a TCKD + b NCKD), target-class and non-target-class KL (Zhao et al. 2022)")
public record DkdSpec(
        @Range(min = 0, minExclusive = true) @Doc("Temperature T (default 4)") Double temperature,
        @Range(min = 0) @Doc("Weight a of the target-class term TCKD (default 1)") Double alpha,
        @Range(min = 0) @Doc("Weight b of the non-target-class term NCKD (default 8)") Double beta,
        @Range(min = 0) @Doc("Weight w of the cross-entropy on the targets (default 1)") Double ceWeight)
        implements DistillerSpec {

    public DkdSpec {
        temperature = temperature == null ? 4.0 : temperature;
        alpha = alpha == null ? 1.0 : alpha;
        beta = beta == null ? 8.0 : beta;
        ceWeight = ceWeight == null ? 1.0 : ceWeight;
    }

    @Override
    public GraphDistiller create() {
        return new DkdDistiller(temperature, alpha, beta, ceWeight);
    }
}
