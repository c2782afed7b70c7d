package io.lskd.bench;

/** Builds a named {@link Workload}; plugins register factories with {@code registerWorkload}. */
public interface WorkloadFactory {

    /** A one-line description: the model and the input shape per sample. */
    String description();

    /** The batch size used when none is given. */
    int defaultBatchSize();

    /**
     * The native threads one copy of this model family trains fastest with, as measured
     * ({@code lskd bench --threads 1} against {@code --threads 2}, README "Performance");
     * {@code lskd bench} uses it, capped at the cores, unless {@code --threads} is given.
     */
    int defaultThreads();

    Workload create(int batchSize, long seed);
}
