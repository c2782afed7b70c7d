package io.lskd.distill;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.graph.GraphDistiller;
import io.lskd.spec.DistillerSpec;

/**
 * Tf-KD self-distillation (see {@link TfKdSelfDistiller}). The arm's teacher must be an arm
 * with the same model, trained without a teacher: the suite checks it.
 */
@TypeName(TfKdSelfDistiller.NAME)
@Doc("Tf-KD self: (1-a) CE + a T^2 KL from the student's own earlier training run as teacher (Yuan et al. 2020)")
public record TfKdSelfSpec(
        @Range(min = 0, minExclusive = true) @Doc("Temperature T (default 6)") Double temperature,
        @Range(min = 0, max = 1) @Doc("Weight a of the distillation term (default 0.95)") Double alpha)
        implements DistillerSpec {

    public TfKdSelfSpec {
        temperature = temperature == null ? 6.0 : temperature;
        alpha = alpha == null ? 0.95 : alpha;
    }

    @Override
    public GraphDistiller create() {
        return new TfKdSelfDistiller(temperature, alpha);
    }

    @Override
    public boolean selfDistillation() {
        return true;
    }
}
