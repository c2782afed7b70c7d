package io.lskd.run;

/**
 * Decides where and when the runs of a suite train: {@link InProcessExecutor} (the default)
 * trains them on threads of this process; a cluster executor (the Spark one of
 * experiments/spark) sends each run to a task elsewhere, which trains it with
 * {@link DetachedRuns}. Whatever the executor, every run writes the same files into the
 * suite's folder, so the report reads it the same way.
 */
public interface SuiteExecutor extends AutoCloseable {

    /** What executes the runs, for the console, e.g. "in-process, 2 runs at once, 1 thread each". */
    String describe();

    /** How many runs train at once, for the time estimate printed before a suite trains. */
    int runsAtOnce();

    /** Native threads each run trains with, so that the time estimate times its steps alike. */
    int threadsPerRun();

    /**
     * Skips, trains or resumes every run of the plan, each after its teacher's run, and returns
     * the results of the runs that finished (now or earlier) in plan order and the runs that
     * failed while the others went on (diverged, or their teacher did not finish).
     *
     * @throws RunFailedException when a run could not be trained (after any retries), once the
     *     runs already started have ended; runs not started are left for a later invocation
     * @throws RunInterruptedException when the plan's stop request was set
     */
    SuiteOutcome execute(SuitePlan plan);

    /** Releases what the executor holds (a cluster connection); the in-process one holds nothing. */
    @Override
    default void close() {
    }
}
