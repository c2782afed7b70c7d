package io.lskd.binary.model;

import io.lskd.binary.layers.LayerLedger;
import io.lskd.binary.layers.QuantConv2D;
import io.lskd.binary.layers.QuantDense;
import io.lskd.binary.quant.Quantizer;
import io.lskd.graph.Constraint;
import io.lskd.graph.GraphBuilder;
import io.lskd.graph.Network;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A small ReActNet-style network for 28x28 and 32x32 images: a real-valued stem (conv3x3
 * c->32, BN), four binary blocks ({@link ReActNetBlocks#block}: 32->64 stride 2, 64->64,
 * 64->128 stride 2, 128->128), global average pooling and a real-valued linear layer, as
 * ReActNet and Bi-Real Net keep their first and last layers real. The ledger records its
 * quantized layers as the graph is built.
 *
 * @param kernelClip the binary kernels' constraint, or null for none
 */
public record ReActNetSmall(int channels, int numClasses, Quantizer activation, Quantizer kernel,
                            Constraint kernelClip, LayerLedger ledger) implements Network {

    /** Blocks as {in, out, stride}. */
    private static final int[][] BLOCKS = {{32, 64, 2}, {64, 64, 1}, {64, 128, 2}, {128, 128, 1}};

    @Override
    public SDVariable forward(GraphBuilder g, SDVariable input) {
        SDVariable x = g.batchNorm("stem/bn", QuantConv2D.of(channels, 32, 3).padding(1)
                .apply(g, ledger, "stem/conv", input), 32);
        for (int i = 0; i < BLOCKS.length; i++) {
            int[] b = BLOCKS[i];
            x = ReActNetBlocks.block(g, ledger, "block" + (i + 1), x, b[0], b[1], b[2], activation, kernel, kernelClip);
        }
        int width = BLOCKS[BLOCKS.length - 1][1];
        SDVariable pooled = g.globalAveragePool(x);
        SDVariable logits = QuantDense.of(width, numClasses).apply(g, ledger, "fc", pooled);
        g.markClassifier("fc", pooled); // the real-valued head: the analyses read its templates
        return logits;
    }
}
