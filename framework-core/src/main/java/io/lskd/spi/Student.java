package io.lskd.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A trainable model.
 *
 * @param <B> the task's batch type
 */
public interface Student<B> {

    /** Logits [B][K] for a batch, in inference mode. */
    double[][] logits(B batch);

    /**
     * One optimisation step on the run's loss.
     *
     * @param batch the inputs and hard labels
     * @param targets the smoothed targets [B][K]
     * @param teacherLogits the teacher's logits [B][K], or null without a teacher
     * @param learningRate the learning rate for this step
     * @return the batch-mean training loss before the step
     */
    double step(B batch, double[][] targets, double[][] teacherLogits, double learningRate);

    /** Writes the parameters (and running statistics, where the model has them). */
    void save(Path file) throws IOException;
}
