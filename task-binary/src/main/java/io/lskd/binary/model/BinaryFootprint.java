package io.lskd.binary.model;

import io.lskd.binary.layers.LayerLedger;
import io.lskd.binary.layers.QuantLayer;
import io.lskd.binary.quant.MagnitudeAwareSign;
import io.lskd.graph.GraphModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How binary a model is.
 *
 * @param sizeBits the model's size as stored for inference, nothing folded: each quantized
 *     kernel at its quantizer's bits per weight (plus a 32-bit scale per output channel for
 *     magnitude-aware kernels), every other parameter and running statistic at 32 bits
 * @param realSizeBits the same model with every value at 32 bits
 * @param binaryActivationShare of the activations that enter the weight layers (convolutions and
 *     dense layers, counted per sample from the actual tensor shapes), the share that are binary
 */
public record BinaryFootprint(long sizeBits, long realSizeBits, double binaryActivationShare) {

    /** Measures a built model; {@code inputShape} is one sample's shape, e.g. {28, 28, 1}. */
    public static BinaryFootprint of(GraphModel graph, LayerLedger ledger, long[] inputShape) {
        Map<String, QuantLayer> byKernel = ledger.layers().stream()
                .collect(Collectors.toMap(QuantLayer::kernel, l -> l));
        long bits = 0;
        long realBits = 0;
        for (Map.Entry<String, INDArray> e : graph.parameters().entrySet()) {
            long n = e.getValue().length();
            realBits += 32 * n;
            QuantLayer layer = byKernel.get(e.getKey());
            int perWeight = layer == null ? 32 : Math.min(32, layer.kernelQuantizer().bits());
            bits += perWeight * n;
            if (layer != null && layer.kernelQuantizer() instanceof MagnitudeAwareSign) {
                bits += 32 * e.getValue().size(e.getValue().rank() - 1);
            }
        }
        long[] batch = new long[inputShape.length + 1];
        batch[0] = 1;
        System.arraycopy(inputShape, 0, batch, 1, inputShape.length);
        List<QuantLayer> layers = ledger.layers();
        Map<String, INDArray> inputs = graph.outputs(Nd4j.zeros(DataType.FLOAT, batch),
                layers.stream().map(QuantLayer::input).toList());
        Set<String> binary = layers.stream().filter(QuantLayer::binaryInput).map(QuantLayer::input)
                .collect(Collectors.toSet());
        long all = 0;
        long binaryCount = 0;
        for (Map.Entry<String, INDArray> e : inputs.entrySet()) {
            all += e.getValue().length();
            if (binary.contains(e.getKey())) {
                binaryCount += e.getValue().length();
            }
        }
        return new BinaryFootprint(bits, realBits, all == 0 ? 0 : (double) binaryCount / all);
    }
}
