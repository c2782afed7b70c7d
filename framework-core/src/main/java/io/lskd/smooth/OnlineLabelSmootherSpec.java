package io.lskd.smooth;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.spec.SmootherSpec;
import io.lskd.spi.Smoother;

/** Online label smoothing (see {@link OnlineLabelSmoother}). */
@TypeName(OnlineLabelSmoother.NAME)
@Doc("Online LS: (1-a) y + a S[y], S rebuilt each epoch from the mean prediction on correctly classified samples (Zhang et al. 2021)")
public record OnlineLabelSmootherSpec(
        @Range(min = 0, max = 1, maxExclusive = true) @Doc("Weight a of the learnt soft labels (default 0.5)") Double alpha)
        implements SmootherSpec {

    public OnlineLabelSmootherSpec {
        alpha = alpha == null ? 0.5 : alpha;
    }

    @Override
    public Smoother create() {
        return new OnlineLabelSmoother(alpha);
    }
}
