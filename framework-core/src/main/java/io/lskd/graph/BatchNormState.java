package io.lskd.graph;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch-norm layer's running statistics and the training-mode batch moments they follow.
 * After each training step: running = (1 - m) running + m batch, with the unbiased batch
 * variance (n / (n - 1) times the biased one), m = 0.1: PyTorch's BatchNorm2d rule.
 *
 * @param input the training pass's input to the layer (its size gives the moments' count)
 * @param runningMean the variable holding the running mean
 * @param runningVar the variable holding the running variance
 * @param batchMean the training pass's batch-mean output
 * @param batchVar the training pass's biased batch-variance output
 */
public record BatchNormState(String input, String runningMean, String runningVar, String batchMean, String batchVar) {

    /**
     * Moves the running statistics toward the batch's.
     *
     * @param outputs the step's outputs, holding {@link #input}, {@link #batchMean} and
     *     {@link #batchVar}
     */
    public void update(SameDiff sd, Map<String, INDArray> outputs) {
        double m = GraphBuilder.BN_MOMENTUM;
        INDArray mean = sd.getVariable(runningMean).getArr();
        INDArray var = sd.getVariable(runningVar).getArr();
        long count = outputs.get(input).length() / mean.length();
        double unbias = count > 1 ? (double) count / (count - 1) : 1.0;
        mean.muli(1 - m).addi(outputs.get(batchMean).castTo(mean.dataType()).mul(m));
        var.muli(1 - m).addi(outputs.get(batchVar).castTo(var.dataType()).mul(m * unbias));
    }
}
