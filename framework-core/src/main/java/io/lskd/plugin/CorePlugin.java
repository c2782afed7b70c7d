package io.lskd.plugin;

import io.lskd.distill.CrossEntropySpec;
import io.lskd.distill.HintonSpec;
import io.lskd.distill.SoftTargetSpec;
import io.lskd.smooth.NoSmootherSpec;
import io.lskd.smooth.UniformOthersSmootherSpec;
import io.lskd.smooth.UniformSmootherSpec;

/** The core's own smoothers and distillers. */
public final class CorePlugin extends LskdPlugin {
    @Override
    protected void configure() {
        registerSmoother(NoSmootherSpec.class);
        registerSmoother(UniformSmootherSpec.class);
        registerSmoother(UniformOthersSmootherSpec.class);
        registerDistiller(CrossEntropySpec.class);
        registerDistiller(SoftTargetSpec.class);
        registerDistiller(HintonSpec.class);
    }
}
