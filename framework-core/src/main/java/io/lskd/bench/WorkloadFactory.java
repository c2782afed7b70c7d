package io.lskd.bench;

/** Builds a named {@link Workload}; plugins register factories with {@code registerWorkload}. */
public interface WorkloadFactory {

    /** A one-line description: the model and the input shape per sample. */
    String description();

    /** The batch size used when none is given. */
    int defaultBatchSize();

    Workload create(int batchSize, long seed);
}
