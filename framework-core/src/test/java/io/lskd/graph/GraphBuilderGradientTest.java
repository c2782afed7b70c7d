package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.distill.CrossEntropyDistiller;
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
import org.nd4j.linalg.factory.Nd4j;

/**
 * Numeric gradient check of every op composition the vision models train with: NHWC
 * convolutions (YXIO weights, stride 2 with padding, with and without bias, 1x1 projection),
 * batch norm on batch moments (with its 1x1 diagonal-convolution scale), ReLU, max pooling, a
 * residual add, global average pooling, a dense layer and the cross-entropy graph.
 * DL4J-NOTES.md lists ops whose M2.1 gradients are silently wrong; this proves ours are not.
 * GradCheckUtil cannot take floating-point placeholders in M2.1, so inputs are constants.
 */
@ExtendWith(DoublePrecision.class)
class GraphBuilderGradientTest {

    @Test
    void residualBlockWithBatchNormHasExactGradients() {
        SameDiff sd = SameDiff.create();
        GraphBuilder g = new GraphBuilder(sd, DataType.DOUBLE, 7).training(true);
        SDVariable input = sd.constant("input", DoublePrecision.gaussian(new long[] {3, 8, 8, 2}, 1));
        SDVariable x = g.relu(g.batchNorm("bn1", g.conv2d("conv1", input, 2, 3, 3, 2, 1, false), 3));
        SDVariable y = g.batchNorm("bn2", g.conv2d("conv2", x, 3, 3, 3, 1, 1, true), 3);
        SDVariable shortcut = g.batchNorm("proj_bn", g.conv2d("proj", x, 3, 3, 1, 1, 0, false), 3);
        SDVariable z = g.relu(y.add(shortcut));
        SDVariable pooled = g.globalAveragePool(g.maxPool(z, 2));
        SDVariable logits = g.dense("fc", pooled, 3, 4);
        INDArray targets = Nd4j.createFromArray(new double[][] {
                {1, 0, 0, 0}, {0.025, 0.925, 0.025, 0.025}, {0, 0, 0.5, 0.5}});
        SDVariable loss = new CrossEntropyDistiller().lossGraph(sd, logits, null, sd.constant("targets", targets));
        sd.setLossVariables(loss);
        assertTrue(check(sd));
    }

    @Test
    void smallCnnShapedGraphHasExactGradients() {
        SameDiff sd = SameDiff.create();
        GraphBuilder g = new GraphBuilder(sd, DataType.DOUBLE, 11).training(true);
        SDVariable input = sd.constant("input", DoublePrecision.gaussian(new long[] {2, 8, 8, 1}, 2));
        SDVariable x = g.maxPool(g.relu(g.conv2d("conv1", input, 1, 2, 3, 1, 1, true)), 2);
        x = g.maxPool(g.relu(g.conv2d("conv2", x, 2, 3, 3, 1, 1, true)), 2);
        x = g.relu(g.dense("fc1", x.reshape(-1, 12), 12, 5));
        SDVariable logits = g.dense("fc2", x, 5, 3);
        INDArray targets = Nd4j.createFromArray(new double[][] {{0, 1, 0}, {0.2, 0.3, 0.5}});
        sd.setLossVariables(new CrossEntropyDistiller().lossGraph(sd, logits, null, sd.constant("targets", targets)));
        assertTrue(check(sd));
    }

    /**
     * Checks every trained variable. Running statistics take no gradient (GradCheckUtil fails on
     * such variables), so they become constants first.
     */
    private static boolean check(SameDiff sd) {
        List<SDVariable> running = sd.variables().stream().filter(v -> v.name().contains("/running_")).toList();
        sd.convertToConstants(running);
        return GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false);
    }

}
