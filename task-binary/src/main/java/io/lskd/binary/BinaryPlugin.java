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

    /**
     * One native thread per copy: faster than two (lskd bench, 2 cores shared with other work,
     * training samples/s at 1 / 2 threads: 49 / 19, collecting after every step, since at the
     * default every 4th step it exceeded the launcher's 8 GB; README "Performance").
     */
    static final int BENCH_THREADS = 1;
    @Override
    protected void configure() {
        registerModel(ReActNetSmallSpec.class);
        registerWorkload(ReActNetSmallSpec.NAME, VisionWorkload.factory(new ReActNetSmallSpec(),
                "binary-kd student: ReActNet-style binary CNN, approx_sign activations, magnitude_aware_sign kernels",
                BENCH_THREADS));
    }
}
