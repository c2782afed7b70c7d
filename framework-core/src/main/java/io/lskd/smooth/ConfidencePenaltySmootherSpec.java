package io.lskd.smooth;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.spec.SmootherSpec;
import io.lskd.spi.Smoother;

/** The confidence penalty (see {@link ConfidencePenaltySmoother}). */
@TypeName(ConfidencePenaltySmoother.NAME)
@Doc("Confidence penalty: one-hot targets plus -b H(p), i.e. CE - b H(p) (Pereyra et al. 2017)")
public record ConfidencePenaltySmootherSpec(@Range(min = 0) @Doc("Weight b of the entropy (default 0.1)") Double beta)
        implements SmootherSpec {

    public ConfidencePenaltySmootherSpec {
        beta = beta == null ? 0.1 : beta;
    }

    @Override
    public Smoother create() {
        return new ConfidencePenaltySmoother(beta);
    }
}
