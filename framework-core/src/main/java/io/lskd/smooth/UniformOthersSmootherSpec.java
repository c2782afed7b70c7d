package io.lskd.smooth;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.spec.SmootherSpec;
import io.lskd.spi.Smoother;

/** Label smoothing over the K - 1 other classes (see {@link UniformOthersSmoother}). */
@TypeName(UniformOthersSmoother.NAME)
@Doc("Label smoothing over the K-1 other classes: 1-a on the label, a/(K-1) elsewhere (Shen et al. Eq. 1)")
public record UniformOthersSmootherSpec(
        @Range(min = 0, max = 1, maxExclusive = true) @Doc("Smoothing mass a (default 0.1)") Double alpha)
        implements SmootherSpec {

    public UniformOthersSmootherSpec {
        alpha = alpha == null ? 0.1 : alpha;
    }

    @Override
    public Smoother create() {
        return new UniformOthersSmoother(alpha);
    }
}
