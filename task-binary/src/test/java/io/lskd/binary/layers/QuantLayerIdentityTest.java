package io.lskd.binary.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.binary.quant.ApproxSign;
import io.lskd.binary.quant.MagnitudeAwareSign;
import io.lskd.binary.quant.SteSign;
import java.util.Map;
import io.lskd.testing.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import io.lskd.graph.GraphBuilder;

/**
 * Larq's layer tests: a quantized layer without quantizers is the plain layer; with sign
 * quantizers it is the plain layer fed sign(input) and sign(kernel), with +-1 padding at the
 * border; and its gradients are the plain layer's (at the quantized values) times the rules.
 * Double precision; values compared exactly where the arithmetic is the same.
 */
@ExtendWith(DoublePrecision.class)
class QuantLayerIdentityTest {

    @Test
    void convolutionWithoutQuantizersIsThePlainConvolution() {
        INDArray x = DoublePrecision.gaussian(new long[] {2, 6, 6, 3}, 1);
        for (int stride : new int[] {1, 2}) {
            GraphBuilder plain = builder(5);
            INDArray expected = plain.conv2d("c", plain.sameDiff().constant(x), 3, 4, 3, stride, 1, true).eval();
            GraphBuilder quant = builder(5);
            INDArray actual = QuantConv2D.of(3, 4, 3).stride(stride).padding(1).withBias()
                    .apply(quant, new LayerLedger(), "c", quant.sameDiff().constant(x)).eval();
            assertEquals(expected, actual, "stride " + stride);
        }
    }

    @Test
    void denseWithoutQuantizersIsThePlainDenseLayer() {
        INDArray x = DoublePrecision.gaussian(new long[] {4, 7}, 2);
        GraphBuilder plain = builder(9);
        INDArray expected = plain.dense("d", plain.sameDiff().constant(x), 7, 5).eval();
        GraphBuilder quant = builder(9);
        INDArray actual = QuantDense.of(7, 5).apply(quant, new LayerLedger(), "d", quant.sameDiff().constant(x)).eval();
        assertEquals(expected, actual);
    }

    @Test
    void binaryConvolutionIsThePlainConvolutionOfSignedInputAndKernel() {
        INDArray x = DoublePrecision.gaussian(new long[] {2, 5, 5, 3}, 3);
        x.putScalar(new long[] {0, 1, 1, 0}, 0.0); // sign(0) = +1
        GraphBuilder quant = builder(7);
        SDVariable y = QuantConv2D.of(3, 4, 3).stride(1).padding(0)
                .inputQuantizer(new SteSign()).kernelQuantizer(new SteSign())
                .apply(quant, new LayerLedger(), "c", quant.sameDiff().constant(x));
        INDArray kernel = quant.sameDiff().getVariable("c/W").getArr();
        INDArray expected = plainConvolution(sign(x), sign(kernel), 0);
        assertEquals(expected, y.eval());
    }

    @Test
    void binaryInputsArePaddedWithPlusOne() {
        INDArray x = DoublePrecision.gaussian(new long[] {1, 4, 4, 2}, 4);
        GraphBuilder quant = builder(8);
        QuantConv2D layer = QuantConv2D.of(2, 3, 3).padding(1).inputQuantizer(new ApproxSign())
                .kernelQuantizer(new SteSign());
        assertEquals(1.0, layer.effectivePadValue());
        SDVariable y = layer.apply(quant, new LayerLedger(), "c", quant.sameDiff().constant(x));
        INDArray kernel = quant.sameDiff().getVariable("c/W").getArr();
        INDArray padded = Nd4j.ones(DataType.DOUBLE, 1, 6, 6, 2);
        padded.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 5),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 5), org.nd4j.linalg.indexing.NDArrayIndex.all())
                .assign(sign(x));
        assertEquals(plainConvolution(padded, sign(kernel), 0), y.eval());
    }

    @Test
    void magnitudeAwareKernelIsTheSignScaledByEachOutputChannelsMeanMagnitude() {
        INDArray x = DoublePrecision.gaussian(new long[] {3, 6}, 5);
        GraphBuilder quant = builder(3);
        SDVariable y = QuantDense.of(6, 4).kernelQuantizer(new MagnitudeAwareSign())
                .apply(quant, new LayerLedger(), "d", quant.sameDiff().constant(x));
        INDArray w = quant.sameDiff().getVariable("d/W").getArr();
        INDArray b = quant.sameDiff().getVariable("d/b").getArr();
        INDArray scale = Transforms.abs(w, true).mean(true, 0);
        INDArray expected = x.mmul(sign(w).mulRowVector(scale)).addRowVector(b);
        assertTrue(expected.equalsWithEps(y.eval(), 1e-12), expected + " vs " + y.eval());
    }

    /**
     * dL/dW = rule(W) * (dL/dW of the plain layer at sign(x), sign(W)) and likewise for x: the
     * straight-through chain through a whole layer, checked against the plain layer's gradients
     * (which GraphBuilderGradientTest proves numerically). L = sum(y * r).
     */
    @Test
    void gradientsAreThePlainLayersAtTheQuantizedValuesTimesTheRules() {
        INDArray x = DoublePrecision.gaussian(new long[] {2, 5, 5, 3}, 6).muli(0.8);
        INDArray r = DoublePrecision.gaussian(new long[] {2, 5, 5, 4}, 7);
        SameDiff sd = SameDiff.create();
        GraphBuilder g = new GraphBuilder(sd, DataType.DOUBLE, 11);
        SDVariable input = sd.var("x", x);
        SDVariable y = QuantConv2D.of(3, 4, 3).padding(1).inputQuantizer(new SteSign())
                .kernelQuantizer(new SteSign()).padValue(0).apply(g, new LayerLedger(), "c", input);
        sd.setLossVariables(y.mul(sd.constant(r)).sum());
        INDArray w = sd.getVariable("c/W").getArr().dup();
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), "x", "c/W");

        SameDiff ref = SameDiff.create();
        GraphBuilder rg = new GraphBuilder(ref, DataType.DOUBLE, 11);
        SDVariable sx = ref.var("x", sign(x));
        SDVariable out = rg.conv2d("c", sx, 3, 4, 3, 1, 1, false);
        ref.getVariable("c/W").getArr().assign(sign(w));
        ref.setLossVariables(out.mul(ref.constant(r)).sum());
        Map<String, INDArray> plain = ref.calculateGradients(Map.of(), "x", "c/W");

        INDArray expectedW = plain.get("c/W").mul(mask(w, 1.0));
        INDArray expectedX = plain.get("x").mul(mask(x, 1.0));
        assertTrue(expectedW.equalsWithEps(grads.get("c/W"), 1e-12), "kernel gradient");
        assertTrue(expectedX.equalsWithEps(grads.get("x"), 1e-12), "input gradient");
        assertTrue(grads.get("c/W").amaxNumber().doubleValue() > 0, "a gradient that is all zero proves nothing");
    }

    /** The +-1 border (sd.nn.pad) trains: GradCheckUtil over a padded layer with real inputs. */
    @Test
    void paddedConvolutionHasExactGradients() {
        SameDiff sd = SameDiff.create();
        GraphBuilder g = new GraphBuilder(sd, DataType.DOUBLE, 13);
        SDVariable x = sd.var("x", DoublePrecision.gaussian(new long[] {2, 4, 4, 2}, 8));
        SDVariable y = QuantConv2D.of(2, 3, 3).padding(1).stride(2).withBias().padValue(0.7)
                .apply(g, new LayerLedger(), "c", x);
        sd.setLossVariables(y.mul(sd.constant(DoublePrecision.gaussian(new long[] {2, 2, 2, 3}, 9))).sum());
        assertTrue(GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false));
    }

    @Test
    void ledgerKnowsWhichKernelsAndInputsAreBinary() {
        GraphBuilder g = builder(1);
        LayerLedger ledger = new LayerLedger();
        SDVariable x = g.sameDiff().constant(DoublePrecision.gaussian(new long[] {1, 4, 4, 2}, 1));
        SDVariable h = QuantConv2D.of(2, 3, 3).padding(1).apply(g, ledger, "real", x);
        QuantConv2D.of(3, 3, 3).padding(1).inputQuantizer(new SteSign()).kernelQuantizer(new SteSign())
                .kernelConstraint(new WeightClip(1)).apply(g, ledger, "binary", h);
        assertEquals(java.util.List.of("binary/W"), ledger.binaryKernels());
        assertEquals(java.util.List.of(false, true), ledger.layers().stream().map(QuantLayer::binaryInput).toList());
        assertEquals(Map.of("binary/W", new WeightClip(1)), g.constraints());
    }

    @Test
    void aBinaryKernelWithoutClipIsWarnedAbout() {
        assertTrue(KernelCheck.unclippedBinaryKernel("b", new SteSign(), null).orElseThrow().contains("b"));
        assertTrue(KernelCheck.unclippedBinaryKernel("b", new SteSign(), new WeightClip(1)).isEmpty());
        assertTrue(KernelCheck.unclippedBinaryKernel("r", new io.lskd.binary.quant.NoQuantizer(), null).isEmpty());
    }

    @Test
    void weightClipKeepsLatentWeightsInside() {
        INDArray w = Nd4j.createFromArray(-3.0, -1.0, -0.2, 0.0, 0.9, 1.0, 2.5);
        new WeightClip(1).apply(w);
        assertArrayEquals(new double[] {-1, -1, -0.2, 0, 0.9, 1, 1}, w.toDoubleVector());
    }

    private static INDArray plainConvolution(INDArray x, INDArray kernel, int padding) {
        SameDiff sd = SameDiff.create();
        GraphBuilder g = new GraphBuilder(sd, DataType.DOUBLE, 0);
        return g.convolve(sd.constant(x), sd.constant(kernel), null, Math.toIntExact(kernel.size(0)), 1, padding).eval();
    }

    /** sign with sign(0) = +1. */
    private static INDArray sign(INDArray a) {
        INDArray out = a.dup();
        double[] v = out.data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] >= 0 ? 1 : -1;
        }
        return Nd4j.create(v, a.shape(), DataType.DOUBLE);
    }

    private static INDArray mask(INDArray a, double clip) {
        double[] v = a.dup().data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]) <= clip ? 1 : 0;
        }
        return Nd4j.create(v, a.shape(), DataType.DOUBLE);
    }

    private static GraphBuilder builder(long seed) {
        return new GraphBuilder(SameDiff.create(), DataType.DOUBLE, seed);
    }

}
