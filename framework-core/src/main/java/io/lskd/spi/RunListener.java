package io.lskd.spi;

import io.lskd.spec.SuiteSpec;
import java.util.Map;

/** Receives progress and results while a suite runs (console progress, JSON-lines log). */
public interface RunListener {

    /** Something the user should know that is not progress (e.g. where earlier results went). */
    default void notice(String message) {}

    /** A suite starts, its data loaded: {@code runs} runs follow. */
    default void suiteStarted(SuiteSpec suite, String data, int runs) {}

    /**
     * Before training: the estimated seconds of each arm's run (one seed), measured from a few
     * steps of each model, and of the whole suite.
     */
    default void estimated(Map<String, Double> secondsPerArm, double totalSeconds) {}

    /** A run (one arm, one seed) starts. */
    default void runStarted(String runName, int epochs, int stepsPerEpoch) {}

    /** After each training step (1-based epoch and step) on a batch of {@code batchSize}. */
    default void step(String runName, int epoch, int step, double loss, int batchSize) {}

    /** After each epoch, with the epoch's training and evaluation figures. */
    default void epochEnded(String runName, int epoch, Map<String, Double> metrics) {}

    /** Training continues from a checkpoint after step {@code step} of epoch {@code epoch}. */
    default void runResumed(String runName, int epoch, int step) {}

    /**
     * A checkpoint after step {@code step} of epoch {@code epoch} is on disk in the run's folder,
     * with the run's metrics.jsonl and provenance.json up to it (e.g. a cluster task copies them
     * to the suite's remote folder now).
     */
    default void checkpointWritten(String runName, int epoch, int step) {}

    /** A run is not trained in this process: it finished (or failed) earlier, or its teacher failed. */
    default void runSkipped(String runName, String reason) {}

    /** A run failed (it diverged); the suite goes on with the others. */
    default void runFailed(String runName, String reason) {}

    /** A run finished with its final metrics. */
    default void runFinished(String runName, Map<String, Double> metrics) {}
}
