package io.lskd.smooth;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.spec.SmootherSpec;
import io.lskd.spi.Smoother;

/** MaxSup (see {@link MaxSupSmoother}). */
@TypeName(MaxSupSmoother.NAME)
@Doc("MaxSup: one-hot targets plus the penalty l (z_max - mean z) on the logits (Zhou et al. 2025)")
public record MaxSupSmootherSpec(@Range(min = 0) @Doc("Weight l of the penalty (default 0.1)") Double lambda)
        implements SmootherSpec {

    public MaxSupSmootherSpec {
        lambda = lambda == null ? 0.1 : lambda;
    }

    @Override
    public Smoother create() {
        return new MaxSupSmoother(lambda);
    }
}
