package io.lskd.distill;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.graph.GraphDistiller;
import io.lskd.spec.DistillerSpec;

/** Soft-target KD, no hard-label term (Shen et al. Eq. 3-4; see {@link SoftTargetDistiller}). */
@TypeName(SoftTargetDistiller.NAME)
@Doc("Soft-target KD: -sum p_t(T) log p_s(T), no hard-label term (Shen et al. 2021, T = 1)")
public record SoftTargetSpec(
        @Range(min = 0, minExclusive = true) @Doc("Temperature T (default 1)") Double temperature)
        implements DistillerSpec {

    public SoftTargetSpec {
        temperature = temperature == null ? 1.0 : temperature;
    }

    @Override
    public GraphDistiller create() {
        return new SoftTargetDistiller(temperature);
    }
}
