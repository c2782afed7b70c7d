package io.lskd.spi;

import java.util.Map;

/** What a task session reports while it trains one arm. */
public interface TrainingMonitor {

    /** After each step; {@code loss} is the batch's training loss before the step. */
    void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize);

    /** After each epoch (1-based), with its figures (mean training loss, held-out metrics). */
    void epochEnded(int epoch, Map<String, Double> metrics);
}
