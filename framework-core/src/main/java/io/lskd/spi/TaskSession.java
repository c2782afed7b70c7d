package io.lskd.spi;

import io.lskd.spec.ArmSpec;
import io.lskd.spec.TrainingSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;

/** A task with its data loaded: trains and evaluates arms. */
public interface TaskSession {

    /** SHA-256 of the data's content and the rule that derived it (subset, split). */
    String datasetFingerprint();

    /** A one-line description of the data, e.g. where it was read from and its sizes. */
    String describe();

    /** The number of training samples (for progress and time estimates). */
    int trainSize();

    /**
     * Seconds one run of this arm would take to train here, every epoch included, and whatever its
     * training must do first (e.g. a sequence-level KD teacher's translations of the training
     * split), measured on a few real batches after a warm-up, for the time estimate printed before
     * a suite trains; empty when the task cannot tell.
     *
     * @param teacher the arm's teacher arm, or null
     */
    default OptionalDouble secondsToTrain(ArmSpec arm, ArmSpec teacher, TrainingSpec training) {
        return OptionalDouble.empty();
    }

    /**
     * Trains one arm.
     *
     * @param initSeed the seed of the initial weights
     * @param dataSeed the seed of the data order
     * @param teacher the trained teacher arm, or null
     * @param monitor receives progress, names the checkpoint folder to resume from and write to
     *     and the teacher-output cache, and asks to stop; it may also stop the run by throwing
     */
    TrainedModel train(ArmSpec arm, TrainingSpec training, long initSeed, long dataSeed, TrainedModel teacher,
                       TrainingMonitor monitor);

    /**
     * Loads a model that an earlier process trained for this arm and saved with
     * {@link TrainedModel#save}: a finished teacher that a resumed suite's students need.
     *
     * @param initSeed the seed the arm was trained with (the architecture is built from it, then
     *     every parameter is overwritten)
     * @throws IOException when the file is missing, unreadable or holds another architecture
     */
    default TrainedModel load(ArmSpec arm, TrainingSpec training, long initSeed, Path file) throws IOException {
        throw new IOException("this task cannot reload the saved model " + file + ", which a student of arm '"
                + arm.name() + "' needs; run the suite with --fresh to train its teacher again");
    }

    /**
     * The final metrics of a trained model on the held-out split (and, for teachers, the
     * stability on the training split), keyed as in the result file.
     *
     * @param teacher the model's teacher, for agreement, or null
     */
    Map<String, Double> evaluate(TrainedModel model, ArmSpec.Role role, TrainedModel teacher);

    /**
     * Logits, penultimate activations and class templates of a trained model, for the
     * classification analyses; null for a task they do not apply to (e.g. translation).
     */
    default ModelOutputs outputs(TrainedModel model) {
        return null;
    }
}
