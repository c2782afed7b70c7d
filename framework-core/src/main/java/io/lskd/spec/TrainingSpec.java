package io.lskd.spec;

import io.lskd.config.Doc;
import io.lskd.config.OneOf;
import io.lskd.config.Range;

/**
 * How every arm of a suite is trained: Adam (PyTorch's form, betas 0.9/0.999, eps 1e-8, no
 * weight decay), a learning-rate schedule per step, minibatches reshuffled each epoch with the
 * last partial batch kept.
 */
@Doc("Optimiser, schedule and epochs")
public record TrainingSpec(
        @Range(min = 1) @Doc("Epochs (default 8)") Integer epochs,
        @Range(min = 1) @Doc("Minibatch size (default 128)") Integer batchSize,
        @Range(min = 0, minExclusive = true) @Doc("Adam learning rate (default 0.001)") Double learningRate,
        @OneOf({"cosine", "constant"})
        @Doc("Per-step schedule: cosine decays lr * 0.5 * (1 + cos(pi t / total)) to 0; constant keeps lr (default cosine)")
        String schedule,
        @OneOf({"float32", "float64"}) @Doc("Training precision (default float32)") String precision,
        @Range(min = 1)
        @Doc("Also checkpoint every this many steps within an epoch (default: only at the end of each epoch); "
                + "does not change results, so it is not part of a run's id")
        Integer checkpointSteps) {

    /** A recipe that checkpoints at the end of each epoch only. */
    public TrainingSpec(Integer epochs, Integer batchSize, Double learningRate, String schedule, String precision) {
        this(epochs, batchSize, learningRate, schedule, precision, null);
    }

    public TrainingSpec {
        epochs = epochs == null ? 8 : epochs;
        batchSize = batchSize == null ? 128 : batchSize;
        learningRate = learningRate == null ? 1e-3 : learningRate;
        schedule = schedule == null ? "cosine" : schedule;
        precision = precision == null ? "float32" : precision;
    }

    /**
     * This recipe without its checkpoint interval: what determines a run's outcome, and so its
     * id. Checkpointing more or less often gives the same bits.
     */
    public TrainingSpec withoutCheckpointing() {
        return new TrainingSpec(epochs, batchSize, learningRate, schedule, precision, null);
    }

    /** The learning rate at step t (0-based) of totalSteps. */
    public double learningRateAt(long t, long totalSteps) {
        if ("constant".equals(schedule)) {
            return learningRate;
        }
        return learningRate * 0.5 * (1 + Math.cos(Math.PI * t / totalSteps));
    }

    /** Steps in one epoch over n samples, the last partial batch kept. */
    public int stepsPerEpoch(int n) {
        return (n + batchSize - 1) / batchSize;
    }
}
