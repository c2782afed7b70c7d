package io.lskd.vision;

import io.lskd.plugin.LskdPlugin;
import io.lskd.vision.bench.VisionWorkload;
import io.lskd.vision.model.CnnSmallSpec;
import io.lskd.vision.model.ResNetSmallSpec;
import io.lskd.vision.task.VisionAdapter;
import io.lskd.vision.task.VisionTaskSpec;

/** Registers the image-classification task and its models. */
public final class VisionPlugin extends LskdPlugin {

    /**
     * One native thread per copy: faster than two for both models (lskd bench, 2 cores shared
     * with other work, training samples/s at 1 / 2 threads: resnet-small 79 / 25, cnn-small
     * 229 / 136; README "Performance").
     */
    static final int BENCH_THREADS = 1;
    @Override
    protected void configure() {
        registerTask(VisionTaskSpec.class, VisionAdapter.class);
        registerModel(ResNetSmallSpec.class);
        registerModel(CnnSmallSpec.class);
        registerWorkload(ResNetSmallSpec.NAME, VisionWorkload.factory(new ResNetSmallSpec(),
                "vision-quick teacher: BN ResNet (RECIPES.md)", BENCH_THREADS));
        registerWorkload(CnnSmallSpec.NAME, VisionWorkload.factory(new CnnSmallSpec(),
                "vision-quick student: small CNN (RECIPES.md)", BENCH_THREADS));
    }
}
