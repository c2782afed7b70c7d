package io.lskd.binary.layers;

import io.lskd.binary.quant.Quantizer;

/**
 * What a quantized layer recorded about itself while its network was built.
 *
 * @param name the layer's name
 * @param kernel the name of its latent (real-valued) kernel variable
 * @param inputQuantizer what its inputs go through
 * @param kernelQuantizer what its kernel goes through
 * @param input the name of the quantized input in the inference pass
 */
public record QuantLayer(String name, String kernel, Quantizer inputQuantizer, Quantizer kernelQuantizer, String input) {

    /** Whether the kernel is binary (1 bit a weight). */
    public boolean binaryKernel() {
        return kernelQuantizer.bits() == 1;
    }

    /** Whether the inputs are binary (1 bit an activation). */
    public boolean binaryInput() {
        return inputQuantizer.bits() == 1;
    }
}
