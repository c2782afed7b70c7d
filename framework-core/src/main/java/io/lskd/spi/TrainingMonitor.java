package io.lskd.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * The runner's side of one training run, as a task session sees it: it receives progress,
 * says where checkpoints and cached teacher outputs go, and whether the user asked to stop.
 * Only {@link #step} and {@link #epochEnded} are required: a monitor that keeps the defaults
 * asks for no checkpoints, no cache, prints no notices and never stops a run.
 */
public interface TrainingMonitor {

    /** After each step; {@code loss} is the batch's training loss before the step. */
    void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize);

    /**
     * A line for the user about work outside the training steps that takes long enough to
     * need one (e.g. a teacher translating the training set for sequence-level KD).
     */
    default void notice(String message) {}

    /** After each epoch (1-based), with its figures (mean training loss, held-out metrics). */
    void epochEnded(int epoch, Map<String, Double> metrics);

    /**
     * The folder where the trainer keeps this run's checkpoints, and from whose newest
     * checkpoint it resumes; null for none.
     */
    default Path checkpointFolder() {
        return null;
    }

    /** The folder where frozen teachers' outputs may be cached across runs; null for no cache. */
    default Path teacherOutputFolder() {
        return null;
    }

    /**
     * Whether the user asked the run to stop (Ctrl-C): the trainer then finishes the current
     * step, writes a checkpoint and stops.
     */
    default boolean stopRequested() {
        return false;
    }

    /**
     * Training starts after step {@code step} of epoch {@code epoch} (1-based): (1, 0) for a
     * fresh start, else the position of the checkpoint it resumes from ({@code step ==
     * stepsPerEpoch} when that epoch was finished and reported). Called once, before any step.
     */
    default void startingAt(int epoch, int step) {}

    /** A checkpoint after step {@code step} of epoch {@code epoch} is safely on disk. */
    default void checkpointWritten(int epoch, int step) {}
}
