package io.lskd.binary.layers;

import io.lskd.binary.quant.Quantizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quantized layers of one network, in build order: which kernels are binary (for the flip
 * ratio and the size in bits) and which activations are (for their share). A network builds
 * twice (training and inference pass); the record keeps the inference pass's input name.
 */
public final class LayerLedger {

    private final Map<String, QuantLayer> layers = new LinkedHashMap<>();

    void record(String name, String kernel, Quantizer inputQuantizer, Quantizer kernelQuantizer, String input) {
        layers.put(name, new QuantLayer(name, kernel, inputQuantizer, kernelQuantizer, input));
    }

    public List<QuantLayer> layers() {
        return new ArrayList<>(layers.values());
    }

    /** The names of the latent kernels that are binarized. */
    public List<String> binaryKernels() {
        return layers.values().stream().filter(QuantLayer::binaryKernel).map(QuantLayer::kernel).toList();
    }
}
