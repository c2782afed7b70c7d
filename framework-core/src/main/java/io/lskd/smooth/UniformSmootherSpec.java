package io.lskd.smooth;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.spec.SmootherSpec;
import io.lskd.spi.Smoother;

/** Uniform-K label smoothing, (1 - a) y + a / K (see {@link UniformSmoother}). */
@TypeName(UniformSmoother.NAME)
@Doc("Label smoothing uniform over all K classes: (1-a) y + a/K (Szegedy, Mueller, fairseq's reported target)")
public record UniformSmootherSpec(
        @Range(min = 0, max = 1, maxExclusive = true) @Doc("Smoothing mass a (default 0.1)") Double alpha)
        implements SmootherSpec {

    public UniformSmootherSpec {
        alpha = alpha == null ? 0.1 : alpha;
    }

    @Override
    public Smoother create() {
        return new UniformSmoother(alpha);
    }
}
