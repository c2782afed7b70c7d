package io.lskd.smooth;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.spec.SmootherSpec;
import io.lskd.spi.Smoother;

/** Tf-KD's virtual teacher as targets (see {@link TfKdRegSmoother}). */
@TypeName(TfKdRegSmoother.NAME)
@Doc("Tf-KD reg: (1-a) y + a softmax(v/T), v the virtual teacher with c on the label, (1-c)/(K-1) elsewhere (Yuan et al. 2020)")
public record TfKdRegSmootherSpec(
        @Range(min = 0, max = 1, maxExclusive = true) @Doc("Weight a of the virtual teacher (default 0.1)") Double alpha,
        @Range(min = 0, minExclusive = true) @Doc("Temperature T of the virtual teacher (default 20)") Double temperature,
        @Range(min = 0, max = 1, minExclusive = true, maxExclusive = true)
        @Doc("The virtual teacher's probability c of the label (default 0.99)") Double correctProbability)
        implements SmootherSpec {

    public TfKdRegSmootherSpec {
        alpha = alpha == null ? 0.1 : alpha;
        temperature = temperature == null ? 20.0 : temperature;
        correctProbability = correctProbability == null ? 0.99 : correctProbability;
    }

    @Override
    public Smoother create() {
        return new TfKdRegSmoother(alpha, temperature, correctProbability);
    }
}
