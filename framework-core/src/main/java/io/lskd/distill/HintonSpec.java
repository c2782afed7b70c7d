package io.lskd.distill;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.graph.GraphDistiller;
import io.lskd.spec.DistillerSpec;

/** Hinton et al.'s KD, (1 - l) CE + l T^2 KL (see {@link HintonDistiller}). */
@TypeName(HintonDistiller.NAME)
@Doc("Hinton KD: (1-l) CE(y, p_s) + l T^2 KL(p_t(T) || p_s(T)) (Hinton et al. 2015)")
public record HintonSpec(
        @Range(min = 0, minExclusive = true) @Doc("Temperature T (default 4)") Double temperature,
        @Range(min = 0, max = 1) @Doc("Weight l of the KL term; 1 = pure KD (default 0.9)") Double lambda)
        implements DistillerSpec {

    public HintonSpec {
        temperature = temperature == null ? 4.0 : temperature;
        lambda = lambda == null ? 0.9 : lambda;
    }

    @Override
    public GraphDistiller create() {
        return new HintonDistiller(temperature, lambda);
    }
}
