package io.lskd.bench;

/**
 * One model's training and inference step on fixed-shape synthetic input, as benchmarked.
 * Synthetic data keeps the data pipeline out of the figure and makes shapes identical to the
 * PyTorch peer's (experiments/bench/peers/).
 */
public interface Workload extends AutoCloseable {

    /** What {@link #itemsPerStep()} counts, e.g. "samples" or "target tokens". */
    String unit();

    /** Items processed by one {@link #trainStep()} or {@link #inferStep()}. */
    int itemsPerStep();

    /** Trained parameters, printed so that the peer's model can be checked layer for layer. */
    long parameterCount();

    /** Forward, backward and optimiser update on one batch. */
    void trainStep();

    /** Forward pass in inference mode on one batch. */
    void inferStep();

    @Override
    default void close() {
    }
}
