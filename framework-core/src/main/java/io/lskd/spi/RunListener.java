package io.lskd.spi;

import java.util.Map;

/** Receives progress and results while a suite runs (console progress, JSON-lines log). */
public interface RunListener {

    /** A run (one arm, one seed) starts. */
    default void runStarted(String runName, int epochs, int stepsPerEpoch) {}

    /** After each training step. */
    default void step(String runName, int epoch, int step, double loss, double samplesPerSecond) {}

    /** After each epoch, with the epoch's training and evaluation figures. */
    default void epochEnded(String runName, int epoch, Map<String, Double> metrics) {}

    /** A run finished with its final metrics. */
    default void runFinished(String runName, Map<String, Double> metrics) {}
}
