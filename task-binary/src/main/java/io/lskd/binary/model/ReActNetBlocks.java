package io.lskd.binary.model;

import io.lskd.binary.layers.LayerLedger;
import io.lskd.binary.layers.QuantConv2D;
import io.lskd.binary.quant.Quantizer;
import io.lskd.graph.Constraint;
import io.lskd.graph.GraphBuilder;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The building blocks of a ReActNet-style binary network (Liu et al., "ReActNet: Towards
 * Precise Binary Neural Network with Generalized Activation Functions", ECCV 2020) on the
 * Bi-Real Net block (Liu et al., ECCV 2018): every binary 3x3 convolution has its own
 * real-valued shortcut; RSign and RPReLU add learnable per-channel shifts to the sign and to
 * PReLU. NHWC throughout.
 */
public final class ReActNetBlocks {

    private ReActNetBlocks() {
    }

    /** x + b with a learned per-channel b (ReActNet's LearnableBias; followed by a sign it makes RSign). */
    public static SDVariable learnableBias(GraphBuilder g, String name, SDVariable x, int channels) {
        return x.add(g.constantVariable(name, 0.0, channels));
    }

    /**
     * RPReLU: PReLU(x + a) + b with learned per-channel a, b and PReLU slope (initially 0.25,
     * PyTorch's PReLU default), PReLU(v) = max(v, 0) + slope * min(v, 0).
     */
    public static SDVariable rprelu(GraphBuilder g, String name, SDVariable x, int channels) {
        SDVariable shifted = learnableBias(g, name + "/shift_in", x, channels);
        SDVariable slope = g.constantVariable(name + "/slope", 0.25, channels);
        SDVariable prelu = g.relu(shifted).sub(g.relu(shifted.neg()).mul(slope));
        return learnableBias(g, name + "/shift_out", prelu, channels);
    }

    /** Average pooling, NHWC, square window equal to its stride. */
    public static SDVariable averagePool(GraphBuilder g, SDVariable x, int size) {
        Pooling2DConfig config = Pooling2DConfig.builder()
                .kH(size).kW(size).sH(size).sW(size).pH(0).pW(0).dH(1).dW(1)
                .type(Pooling2D.Pooling2DType.AVG)
                .paddingMode(PaddingMode.VALID)
                .isNHWC(true)
                .build();
        return g.sameDiff().cnn.avgPooling2d(x, config);
    }

    /**
     * One binary block: RSign (learnable shift, then the activation quantizer), a binary 3x3
     * convolution (stride s, +-1 padding), BN, plus a real-valued shortcut, then RPReLU. The
     * shortcut is the identity, or when the shape changes ReActNet's downsampling: 2x2 average
     * pooling (stride 2), a real 1x1 convolution and BN.
     *
     * @param kernelClip the binary kernel's constraint, or null for none
     */
    public static SDVariable block(GraphBuilder g, LayerLedger ledger, String name, SDVariable x, int in, int out,
                                   int stride, Quantizer activation, Quantizer kernel, Constraint kernelClip) {
        SDVariable shifted = learnableBias(g, name + "/rsign_shift", x, in);
        SDVariable y = QuantConv2D.of(in, out, 3).stride(stride).padding(1).inputQuantizer(activation)
                .kernelQuantizer(kernel).kernelConstraint(kernelClip).apply(g, ledger, name + "/conv", shifted);
        y = g.batchNorm(name + "/bn", y, out);
        SDVariable shortcut = x;
        if (stride != 1 || in != out) {
            SDVariable pooled = stride == 1 ? x : averagePool(g, x, stride);
            shortcut = g.batchNorm(name + "/down_bn",
                    QuantConv2D.of(in, out, 1).apply(g, ledger, name + "/down", pooled), out);
        }
        return rprelu(g, name + "/rprelu", y.add(shortcut), out);
    }
}
