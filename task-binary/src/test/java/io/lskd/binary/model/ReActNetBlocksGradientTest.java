package io.lskd.binary.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.binary.layers.LayerLedger;
import io.lskd.binary.layers.QuantConv2D;
import io.lskd.binary.quant.NoQuantizer;
import io.lskd.distill.SoftTargetDistiller;
import io.lskd.graph.GraphBuilder;
import java.util.List;
import java.util.Map;
import io.lskd.testing.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Numeric gradient check (GradCheckUtil, double precision) of every op composition the
 * binary student trains with apart from the quantizers, whose rules QuantizerRuleTest and
 * QuantLayerIdentityTest prove: learnable shifts (RSign), RPReLU, ±1 padding, BN, average
 * pooling, the downsampling and identity shortcuts, global pooling, the real head and the
 * soft-target loss. The quantizers are the identity here, so the numeric gradient exists.
 */
@ExtendWith(DoublePrecision.class)
class ReActNetBlocksGradientTest {

    @Test
    void blocksWithDownsamplingAndIdentityShortcutsHaveExactGradients() {
        SameDiff sd = SameDiff.create();
        GraphBuilder g = new GraphBuilder(sd, DataType.DOUBLE, 3).training(true);
        LayerLedger ledger = new LayerLedger();
        SDVariable input = sd.constant("input", DoublePrecision.gaussian(new long[] {3, 4, 4, 1}, 1));
        SDVariable x = g.batchNorm("stem/bn", QuantConv2D.of(1, 2, 3).padding(1).apply(g, ledger, "stem", input), 2);
        x = ReActNetBlocks.block(g, ledger, "b1", x, 2, 3, 2, new NoQuantizer(), new NoQuantizer(), null);
        x = ReActNetBlocks.block(g, ledger, "b2", x, 3, 3, 1, new NoQuantizer(), new NoQuantizer(), null);
        SDVariable logits = g.dense("fc", g.globalAveragePool(x), 3, 4);
        // non-zero shifts and a slope other than the initial one, so that every term matters
        for (String name : List.of("b1/rsign_shift", "b2/rsign_shift", "b1/rprelu/shift_in", "b2/rprelu/shift_out",
                "b1/rprelu/slope")) {
            INDArray v = sd.getVariable(name).getArr();
            v.assign(DoublePrecision.gaussian(v.shape(), name.hashCode()).muli(0.3));
        }
        SDVariable teacher = sd.constant("teacher", DoublePrecision.gaussian(new long[] {3, 4}, 2));
        sd.setLossVariables(new SoftTargetDistiller(1.0).lossGraph(sd, logits, teacher, null));
        assertTrue(check(sd));
    }

    @Test
    void plusOnePaddingBeforeABlockConvolutionHasExactGradients() {
        SameDiff sd = SameDiff.create();
        GraphBuilder g = new GraphBuilder(sd, DataType.DOUBLE, 5).training(true);
        SDVariable input = sd.constant("input", DoublePrecision.gaussian(new long[] {2, 4, 4, 2}, 3));
        SDVariable shifted = ReActNetBlocks.learnableBias(g, "shift", input, 2);
        SDVariable y = QuantConv2D.of(2, 2, 3).padding(1).padValue(1.0).apply(g, new LayerLedger(), "conv", shifted);
        SDVariable out = ReActNetBlocks.rprelu(g, "act", y, 2);
        sd.setLossVariables(out.mul(sd.constant(DoublePrecision.gaussian(new long[] {2, 4, 4, 2}, 4))).sum());
        assertTrue(check(sd));
    }

    /**
     * Checks up to 6 entries of every trained variable, evenly spread (each entry costs two
     * forward passes). Running statistics take no gradient, so they become constants first.
     */
    private static boolean check(SameDiff sd) {
        List<SDVariable> running = sd.variables().stream().filter(v -> v.name().contains("/running_")).toList();
        sd.convertToConstants(running);
        return GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false, false, false, null, null,
                6, GradCheckUtil.Subset.EVERY_N);
    }

}
