package io.lskd.spark;

import io.lskd.config.CanonicalJson;
import io.lskd.run.ResultsFolder;
import io.lskd.run.RunFailedException;
import io.lskd.run.RunFailure;
import io.lskd.run.RunInterruptedException;
import io.lskd.run.RunOutcome;
import io.lskd.run.RunRef;
import io.lskd.run.RunResult;
import io.lskd.run.StopRequest;
import io.lskd.run.SuiteExecutor;
import io.lskd.run.SuiteOutcome;
import io.lskd.run.SuitePlan;
import io.lskd.spi.RunListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Trains a suite's runs as Spark tasks, one run per task, stage by stage: the runs without a
 * teacher first (their models and cached outputs written to the suite's folder), then their
 * students, each of which loads its teacher from that folder. Each task trains, resumes or skips
 * its run exactly as the in-process executor would ({@link RunTask}), so a task that Spark
 * retries continues from the run's newest checkpoint, and the folder ends up holding the same
 * files whichever executor wrote it.
 *
 * <p>The results folder (--out) is either a path that the driver and every executor see alike
 * (a local disk in local mode; NFS or another shared POSIX mount on a cluster), written directly
 * with the in-process executor's atomic renames and folder locks, or any Hadoop file system URI
 * (hdfs://, s3a://, file://, ...; {@link #resultsFolder}): the driver then plans in a local
 * copy ({@link RemoteResults}) and each task trains in one of its own, sending the run's files
 * up as it goes ({@link StagedSuite}, {@link StagedRun}). Each task uses {@code spark.task.cpus}
 * native threads. Ctrl-C on the driver cancels the stage: each task in progress writes a
 * checkpoint at its next step and stops.
 */
public final class SparkExecutor implements SuiteExecutor {

    /** How long the driver waits, after a cancellation, for tasks to write their checkpoints. */
    private static final long CHECKPOINT_WAIT_MS = 120_000;

    private final JavaSparkContext spark;
    private final Path dataDir;
    private final boolean ownsContext;
    private final TaskListeners taskListeners;
    /** The Hadoop results folders opened through this executor, by the local folder the runner plans in. */
    private final Map<Path, RemoteResults> remotes;

    /**
     * An executor on a running Spark context, which the caller stops.
     *
     * @param dataDir where every task looks for data sets first (the --data-dir), or null
     */
    public SparkExecutor(JavaSparkContext spark, Path dataDir) {
        this(spark, dataDir, false, TaskListeners.NONE);
    }

    SparkExecutor(JavaSparkContext spark, Path dataDir, boolean ownsContext, TaskListeners taskListeners) {
        this(spark, dataDir, ownsContext, taskListeners, new ConcurrentHashMap<>());
    }

    private SparkExecutor(JavaSparkContext spark, Path dataDir, boolean ownsContext, TaskListeners taskListeners,
                          Map<Path, RemoteResults> remotes) {
        this.spark = spark;
        this.dataDir = dataDir;
        this.ownsContext = ownsContext;
        this.taskListeners = taskListeners;
        this.remotes = remotes;
    }

    /** The same executor, with a listener of the caller's in every task. */
    public SparkExecutor withTaskListeners(TaskListeners listeners) {
        return new SparkExecutor(spark, dataDir, ownsContext, listeners, remotes);
    }

    /**
     * A path, as every executor takes it, or a Hadoop file system URI (hdfs://namenode:8020/runs,
     * s3a://bucket/runs, file:///shared/runs), opened with the Spark context's Hadoop
     * configuration (its spark.hadoop.* settings, HADOOP_CONF_DIR) and checked to answer before
     * any data is read.
     *
     * @throws IllegalArgumentException naming the URI and what is missing (the file system's
     *     connector, the cluster's configuration), or when speculation is on
     */
    @Override
    public ResultsFolder resultsFolder(String out) {
        if (!ResultsFolder.isUri(out)) {
            return SuiteExecutor.super.resultsFolder(out);
        }
        if (spark.getConf().getBoolean("spark.speculation", false)) {
            throw new IllegalArgumentException("--out " + out + " with spark.speculation=true: Spark could then train"
                    + " a run in two tasks at once, both writing its files there (a shared POSIX folder's run lock"
                    + " prevents that, a Hadoop file system has none); set spark.speculation=false");
        }
        HadoopFolder folder = HadoopFolder.open(out, spark.hadoopConfiguration());
        RemoteResults results = new RemoteResults(folder, closed -> remotes.remove(closed.local()));
        remotes.put(results.local(), results);
        return results;
    }

    /** Native threads per run: the cores Spark reserves for each task. */
    @Override
    public int threadsPerRun() {
        return spark.getConf().getInt("spark.task.cpus", 1);
    }

    @Override
    public int runsAtOnce() {
        return Math.max(1, spark.defaultParallelism() / threadsPerRun());
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Spark %s (master %s, app %s), %d run(s) at once, %d thread(s) each",
                spark.version(), spark.master(), spark.sc().applicationId(), runsAtOnce(), threadsPerRun());
    }

    @Override
    public SuiteOutcome execute(SuitePlan plan) {
        RemoteResults remote = remotes.get(plan.outDir());
        if (remote != null) {
            remote.publish(plan.suite()); // suite.json, which the runner has just written in the local copy
        }
        String data = dataDir == null ? null : dataDir.toAbsolutePath().toString();
        RunTask task = remote == null
                ? new RunTask(CanonicalJson.toJson(plan.suite()), plan.outDir().toAbsolutePath().toString(), null, data,
                        threadsPerRun(), runsAtOnce(), spark.master(), taskListeners)
                : new RunTask(CanonicalJson.toJson(plan.suite()), null, new RemoteOut(remote.uri(),
                        new SerializableConfiguration(spark.hadoopConfiguration()), UUID.randomUUID().toString()),
                        data, threadsPerRun(), runsAtOnce(), spark.master(), taskListeners);
        Map<RunRef, RunOutcome> outcomes = new HashMap<>();
        List<List<RunRef>> stages = plan.stages();
        for (int i = 0; i < stages.size(); i++) {
            List<RunRef> stage = stages.get(i);
            if (plan.stop().requested()) {
                throw new RunInterruptedException("stopped on request before stage " + (i + 1) + " of "
                        + stages.size() + "; run the same command again to continue", null);
            }
            String description = "lskd " + plan.suite().suite() + ": stage " + (i + 1) + " of " + stages.size()
                    + ", " + stage.size() + " run(s)";
            plan.listener().notice(description + " on Spark: " + stage.stream().map(RunRef::name).toList());
            for (RunOutcome outcome : runStage(stage, task, description, plan.stop())) {
                outcomes.put(outcome.run(), outcome);
                report(plan.listener(), outcome);
            }
        }
        List<RunResult> results = new ArrayList<>();
        List<RunFailure> failures = new ArrayList<>();
        for (RunRef run : plan.runs()) {
            RunOutcome outcome = outcomes.get(run);
            if (outcome.result() != null) {
                results.add(outcome.result());
            } else {
                failures.add(outcome.failure());
            }
        }
        return new SuiteOutcome(results, failures);
    }

    /**
     * One Spark job of one task per run. A stop request cancels it; the tasks notice at their
     * next step, checkpoint and stop, and the driver waits for them before it reports the stop.
     */
    private List<RunOutcome> runStage(List<RunRef> stage, RunTask task, String description, StopRequest stop) {
        String group = "lskd-" + UUID.randomUUID();
        JobTasks tasks = new JobTasks(group);
        spark.sc().addSparkListener(tasks);
        spark.setJobGroup(group, description, false);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lskd-spark-stop");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(() -> {
            if (stop.requested()) {
                spark.cancelJobGroup(group);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        try {
            return spark.parallelize(stage, stage.size()).map(task).collect();
        } catch (Exception e) { // Spark's SparkException is checked but undeclared in its Java API
            if (stop.requested()) {
                awaitCheckpoints(tasks);
                throw new RunInterruptedException("stopped on request: the runs in progress wrote a checkpoint;"
                        + " run the same command again to continue", e);
            }
            throw new RunFailedException("a run failed on Spark (" + description + ") as often as Spark allows"
                    + " (spark.task.maxFailures; F of a local[N,F] master); runs that finished are kept and the"
                    + " same command resumes the others from their last checkpoint: " + rootMessage(e), e);
        } finally {
            watcher.shutdownNow();
            spark.clearJobGroup();
            spark.sc().removeSparkListener(tasks);
        }
    }

    /** Waits (up to {@link #CHECKPOINT_WAIT_MS}) for the cancelled job's tasks to checkpoint and end. */
    private static void awaitCheckpoints(JobTasks tasks) {
        try {
            tasks.awaitQuiet(CHECKPOINT_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells the driver's listener what a task did; the task's own progress went to its executor's log. */
    private static void report(RunListener listener, RunOutcome outcome) {
        String name = outcome.run().name();
        if (outcome.result() != null && outcome.trainedNow()) {
            Map<String, Double> m = outcome.result().metrics();
            listener.notice(String.format(Locale.ROOT, "  %s finished on Spark: top1 %.4f, 1-S %.4f", name,
                    m.getOrDefault("top1", Double.NaN), m.getOrDefault("stability", Double.NaN)));
        } else if (outcome.result() != null) {
            listener.runSkipped(name, "finished earlier");
        } else if (outcome.trainedNow()) {
            listener.runFailed(name, outcome.failure().reason());
        } else {
            listener.runSkipped(name, outcome.failure().reason());
        }
    }

    /** The innermost message: what the task threw, without Spark's job and stage wrapping. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + " (" + firstLine(e.getMessage()) + ")";
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        if (ownsContext) {
            spark.stop();
        }
    }
}
