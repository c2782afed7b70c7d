package io.lskd.plugin;

import io.lskd.distill.CrossEntropySpec;
import io.lskd.distill.DistSpec;
import io.lskd.distill.DkdSpec;
import io.lskd.distill.HintonSpec;
import io.lskd.distill.SoftTargetSpec;
import io.lskd.distill.TfKdSelfSpec;
import io.lskd.distill.WeightedSumSpec;
import io.lskd.smooth.ConfidencePenaltySmootherSpec;
import io.lskd.smooth.MaxSupSmootherSpec;
import io.lskd.smooth.NoSmootherSpec;
import io.lskd.smooth.OnlineLabelSmootherSpec;
import io.lskd.smooth.TfKdRegSmootherSpec;
import io.lskd.smooth.UniformOthersSmootherSpec;
import io.lskd.smooth.UniformSmootherSpec;

/** The core's own smoothers and distillers. */
public final class CorePlugin extends LskdPlugin {
    @Override
    protected void configure() {
        registerSmoother(NoSmootherSpec.class);
        registerSmoother(UniformSmootherSpec.class);
        registerSmoother(UniformOthersSmootherSpec.class);
        registerSmoother(OnlineLabelSmootherSpec.class);
        registerSmoother(TfKdRegSmootherSpec.class);
        registerSmoother(MaxSupSmootherSpec.class);
        registerSmoother(ConfidencePenaltySmootherSpec.class);
        registerDistiller(CrossEntropySpec.class);
        registerDistiller(SoftTargetSpec.class);
        registerDistiller(HintonSpec.class);
        registerDistiller(DkdSpec.class);
        registerDistiller(DistSpec.class);
        registerDistiller(TfKdSelfSpec.class);
        registerDistiller(WeightedSumSpec.class);
    }
}
