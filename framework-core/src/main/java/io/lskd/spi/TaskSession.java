package io.lskd.spi;

import io.lskd.spec.ArmSpec;
import io.lskd.spec.TrainingSpec;
import java.util.Map;

/** A task with its data loaded: trains and evaluates arms. */
public interface TaskSession {

    /** SHA-256 of the data's content and the rule that derived it (subset, split). */
    String datasetFingerprint();

    /** A one-line description of the data, e.g. where it was read from and its sizes. */
    String describe();

    /** The number of training samples (for progress and time estimates). */
    int trainSize();

    /**
     * Trains one arm.
     *
     * @param initSeed the seed of the initial weights
     * @param dataSeed the seed of the data order
     * @param teacher the trained teacher arm, or null
     * @param monitor receives progress; it may stop the run by throwing
     */
    TrainedModel train(ArmSpec arm, TrainingSpec training, long initSeed, long dataSeed, TrainedModel teacher,
                       TrainingMonitor monitor);

    /**
     * The final metrics of a trained model on the held-out split (and, for teachers, the
     * stability on the training split), keyed as in the result file.
     *
     * @param teacher the model's teacher, for agreement, or null
     */
    Map<String, Double> evaluate(TrainedModel model, ArmSpec.Role role, TrainedModel teacher);

    /**
     * A rough estimate of the seconds one arm takes to train, from throughputs measured on the
     * reference machine (2 cores), for the estimate printed before a suite starts; NaN when the
     * task has no measured throughput for this arm.
     */
    default double estimatedSeconds(ArmSpec arm, TrainingSpec training) {
        return Double.NaN;
    }

    /**
     * Logits, penultimate activations and class templates of a trained model, for the
     * classification analyses; null for a task they do not apply to (e.g. translation).
     */
    default ModelOutputs outputs(TrainedModel model) {
        return null;
    }
}
