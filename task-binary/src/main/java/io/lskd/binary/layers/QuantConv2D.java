package io.lskd.binary.layers;

import io.lskd.binary.quant.NoQuantizer;
import io.lskd.binary.quant.Quantizer;
import io.lskd.graph.Constraint;
import io.lskd.graph.GraphBuilder;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Larq's {@code QuantConv2D} on SameDiff, NHWC with YXIO kernels (the fast and correct M2.1
 * path): the plain convolution of {@link GraphBuilder#conv2d} fed q_in(x) and q_k(W), where W
 * is the latent real-valued kernel that the optimiser updates and that is quantized on every
 * read. Without quantizers it is exactly the plain layer (same variables, same initialisation).
 *
 * <p>Padding: a binary input of +-1 padded with zeros would see a third value at the border,
 * so the border takes the input quantizer's {@link Quantizer#padValue()} (+1 for the sign
 * quantizers, Larq's {@code pad_values=1}) unless {@code padValue} says otherwise.
 *
 * @param padValue the border's value, or null for the input quantizer's
 */
public record QuantConv2D(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias,
                          Quantizer inputQuantizer, Quantizer kernelQuantizer, Constraint kernelConstraint,
                          Double padValue) {

    private static final Logger LOG = LoggerFactory.getLogger(QuantConv2D.class);

    public QuantConv2D {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("QuantConv2D: channels, kernel and stride must be >= 1 and padding >= 0,"
                    + " got in " + inChannels + ", out " + outChannels + ", kernel " + kernel + ", stride " + stride
                    + ", padding " + padding);
        }
        inputQuantizer = inputQuantizer == null ? new NoQuantizer() : inputQuantizer;
        kernelQuantizer = kernelQuantizer == null ? new NoQuantizer() : kernelQuantizer;
    }

    /** A plain convolution (no quantizers, no bias, stride 1, no padding) to refine with the withers. */
    public static QuantConv2D of(int inChannels, int outChannels, int kernel) {
        return new QuantConv2D(inChannels, outChannels, kernel, 1, 0, false, null, null, null, null);
    }

    public QuantConv2D stride(int s) {
        return new QuantConv2D(inChannels, outChannels, kernel, s, padding, bias, inputQuantizer, kernelQuantizer,
                kernelConstraint, padValue);
    }

    public QuantConv2D padding(int p) {
        return new QuantConv2D(inChannels, outChannels, kernel, stride, p, bias, inputQuantizer, kernelQuantizer,
                kernelConstraint, padValue);
    }

    public QuantConv2D withBias() {
        return new QuantConv2D(inChannels, outChannels, kernel, stride, padding, true, inputQuantizer,
                kernelQuantizer, kernelConstraint, padValue);
    }

    public QuantConv2D inputQuantizer(Quantizer q) {
        return new QuantConv2D(inChannels, outChannels, kernel, stride, padding, bias, q, kernelQuantizer,
                kernelConstraint, padValue);
    }

    public QuantConv2D kernelQuantizer(Quantizer q) {
        return new QuantConv2D(inChannels, outChannels, kernel, stride, padding, bias, inputQuantizer, q,
                kernelConstraint, padValue);
    }

    public QuantConv2D kernelConstraint(Constraint c) {
        return new QuantConv2D(inChannels, outChannels, kernel, stride, padding, bias, inputQuantizer,
                kernelQuantizer, c, padValue);
    }

    public QuantConv2D padValue(double v) {
        return new QuantConv2D(inChannels, outChannels, kernel, stride, padding, bias, inputQuantizer,
                kernelQuantizer, kernelConstraint, v);
    }

    /** The border value in use. */
    public double effectivePadValue() {
        return padValue != null ? padValue : inputQuantizer.padValue();
    }

    /**
     * Builds the layer on {@code x} [B, H, W, inChannels] under {@code name} (variables
     * {@code name/W}, {@code name/b}) and records it in {@code ledger}.
     */
    public SDVariable apply(GraphBuilder g, LayerLedger ledger, String name, SDVariable x) {
        SameDiff sd = g.sameDiff();
        double bound = 1.0 / Math.sqrt((double) inChannels * kernel * kernel);
        SDVariable w = g.uniformVariable(name + "/W", bound, kernel, kernel, inChannels, outChannels);
        SDVariable b = bias ? g.uniformVariable(name + "/b", bound, outChannels) : null;
        if (g.isTraining()) {
            if (kernelConstraint != null) {
                g.constrain(w.name(), kernelConstraint);
            }
            KernelCheck.unclippedBinaryKernel(name, kernelQuantizer, kernelConstraint).ifPresent(LOG::warn);
        }
        // the inference pass is never differentiated: the quantizers' values alone
        SDVariable input = g.isTraining() ? inputQuantizer.quantize(sd, x) : inputQuantizer.inference(sd, x);
        SDVariable weights = g.isTraining() ? kernelQuantizer.quantize(sd, w) : kernelQuantizer.inference(sd, w);
        double border = effectivePadValue();
        SDVariable out;
        if (padding > 0 && border != 0) {
            SDVariable paddings = sd.constant(Nd4j.createFromArray(new int[][] {
                    {0, 0}, {padding, padding}, {padding, padding}, {0, 0}}));
            out = g.convolve(sd.nn.pad(input, paddings, PadMode.CONSTANT, border), weights, b, kernel, stride, 0);
        } else {
            out = g.convolve(input, weights, b, kernel, stride, padding);
        }
        ledger.record(name, w.name(), inputQuantizer, kernelQuantizer, input.name());
        return out;
    }
}
