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

    /**
     * The results folder that {@code --out} names. Every executor takes a path on this machine;
     * one whose runs can write elsewhere overrides this to take such a URI too (the Spark
     * executor: any Hadoop file system), checking that it is reachable before any data is read.
     *
     * @throws IllegalArgumentException when {@code out} is a URI this executor cannot write to
     */
    default ResultsFolder resultsFolder(String out) {
        if (ResultsFolder.isUri(out)) {
            throw new IllegalArgumentException("--out " + out + ": " + describe() + " writes to a folder on this"
                    + " machine, give a path; a Hadoop file system URI (hdfs://, s3a://, file://) needs --executor"
                    + " spark (README 'Running a suite on a cluster')");
        }
        return ResultsFolder.local(java.nio.file.Path.of(out));
    }

    /** Releases what the executor holds (a cluster connection); the in-process one holds nothing. */
    @Override
    default void close() {
    }
}
