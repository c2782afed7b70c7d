package io.lskd.binary;

import io.lskd.binary.model.ReActNetSmallSpec;
import io.lskd.plugin.LskdPlugin;
import io.lskd.vision.bench.VisionWorkload;

/**
 * Registers the binary models; they train in the vision task, beside its real-valued teachers.
 * The benchmark of {@code reactnet-small} is the vision task's step with the default student:
 * binary activations and weights (step 2 of the two-step schedule, the costlier one), weight clip.
 */
public final class BinaryPlugin extends LskdPlugin {
    @Override
    protected void configure() {
        registerModel(ReActNetSmallSpec.class);
        registerWorkload(ReActNetSmallSpec.NAME, VisionWorkload.factory(new ReActNetSmallSpec(),
                "binary-kd student: ReActNet-style binary CNN, approx_sign activations, magnitude_aware_sign kernels",
                2));
    }
}
