package io.lskd.vision;

import io.lskd.plugin.LskdPlugin;
import io.lskd.vision.bench.VisionWorkload;
import io.lskd.vision.model.CnnSmallSpec;
import io.lskd.vision.model.ResNetSmallSpec;
import io.lskd.vision.task.VisionAdapter;
import io.lskd.vision.task.VisionTaskSpec;

/** Registers the image-classification task and its models. */
public final class VisionPlugin extends LskdPlugin {
    @Override
    protected void configure() {
        registerTask(VisionTaskSpec.class, VisionAdapter.class);
        registerModel(ResNetSmallSpec.class);
        registerModel(CnnSmallSpec.class);
        registerWorkload(ResNetSmallSpec.NAME, VisionWorkload.factory(new ResNetSmallSpec(),
                "vision-quick teacher: BN ResNet (RECIPES.md)", 2));
        registerWorkload(CnnSmallSpec.NAME, VisionWorkload.factory(new CnnSmallSpec(),
                "vision-quick student: small CNN (RECIPES.md)", 2));
    }
}
