package io.lskd.binary.layers;

import io.lskd.binary.quant.Quantizer;
import io.lskd.graph.Constraint;
import java.util.Optional;

/** Larq's guardrail: a binary kernel without a weight clip may starve. */
public final class KernelCheck {

    private KernelCheck() {
    }

    /**
     * A warning when a layer binarizes its kernel but does not constrain it: with a clipped
     * straight-through gradient, latent weights that drift beyond the clip get no gradient
     * again and stay where they are ("starved weights").
     */
    public static Optional<String> unclippedBinaryKernel(String layer, Quantizer kernelQuantizer, Constraint constraint) {
        if (kernelQuantizer.bits() == 1 && constraint == null) {
            return Optional.of("layer " + layer + ": kernel quantizer " + kernelQuantizer.name()
                    + " without a kernel constraint; latent weights beyond the clip get no gradient and may starve"
                    + " (use a WeightClip)");
        }
        return Optional.empty();
    }
}
