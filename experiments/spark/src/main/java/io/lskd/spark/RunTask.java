package io.lskd.spark;

import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.run.DetachedRuns;
import io.lskd.run.Parallelism;
import io.lskd.run.RunOutcome;
import io.lskd.run.RunRef;
import io.lskd.run.StopRequest;
import io.lskd.spec.SuiteSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * One Spark task: trains, resumes or skips one run of a suite ({@link DetachedRuns}) and returns
 * what became of it. A task that Spark retries after a failure starts the run again from its
 * newest checkpoint; one whose run had finished before it was lost returns the finished result
 * without training.
 *
 * <p>The suite's folder is either on a file system that every executor shares at the same path
 * (the runs are written there directly), or on a Hadoop file system ({@link RemoteOut}): the run
 * then trains in a local copy in Spark's scratch space ({@link StagedSuite}) whose files are sent
 * up as it goes ({@link StagedRun}).
 *
 * <p>Travels to the executors with the suite as canonical JSON, the folder and data paths as
 * strings, and the thread budget; each executor JVM opens the suite's data once and keeps it
 * for the next tasks of the same suite (and drops it for another suite).
 */
final class RunTask implements Function<RunRef, RunOutcome> {

    private static final long serialVersionUID = 1L;

    /** The suite this executor JVM trains runs of, with its data open: key, and runs on a shared or a Hadoop folder. */
    private static List<String> openKey;
    private static DetachedRuns open;
    private static StagedSuite openStaged;

    private final String suiteJson;
    private final String outDir;
    private final RemoteOut remote;
    private final String dataDir;
    private final int threadsPerRun;
    private final int runsAtOnce;
    private final String master;
    private final TaskListeners listeners;

    /**
     * @param outDir the results folder on a file system shared at this path, or null with {@code remote}
     * @param remote the results folder on a Hadoop file system, or null with {@code outDir}
     */
    RunTask(String suiteJson, String outDir, RemoteOut remote, String dataDir, int threadsPerRun, int runsAtOnce,
            String master, TaskListeners listeners) {
        this.suiteJson = suiteJson;
        this.outDir = outDir;
        this.remote = remote;
        this.dataDir = dataDir;
        this.threadsPerRun = threadsPerRun;
        this.runsAtOnce = runsAtOnce;
        this.master = master;
        this.listeners = listeners;
    }

    @Override
    public RunOutcome call(RunRef run) {
        TaskContext task = TaskContext.get();
        StopRequest stop = new StopRequest();
        Map<String, Object> spark = new LinkedHashMap<>();
        spark.put("master", master);
        spark.put("executorId", SparkEnv.get().executorId());
        spark.put("stageId", task.stageId());
        spark.put("partitionId", task.partitionId());
        spark.put("attemptNumber", task.attemptNumber());
        spark.put("taskAttemptId", task.taskAttemptId());
        Parallelism parallelism = new Parallelism(runsAtOnce, threadsPerRun);
        Map<String, Object> facts = Map.of("spark", spark);
        if (remote == null) {
            return shared().run(run, parallelism, facts, new TaskProgress(task, stop, List.of(listeners.forRun(run))),
                    stop);
        }
        StagedSuite staged = staged();
        StagedRun files;
        try {
            files = staged.stage(run);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the files of run " + run.name() + " from "
                    + remote.uri() + ": " + e, e);
        }
        TaskProgress progress = new TaskProgress(task, stop, List.of(files, listeners.forRun(run)));
        return files.train(() -> staged.runs().run(run, parallelism, facts, progress, stop));
    }

    /** The open suite of this JVM on a shared folder, opened (data read) when the task is of another suite. */
    private DetachedRuns shared() {
        synchronized (RunTask.class) {
            List<String> key = Arrays.asList(suiteJson, outDir, dataDir);
            if (!key.equals(openKey)) {
                drop();
                Registry registry = registry();
                open = new DetachedRuns(registry, suite(registry), Path.of(outDir));
                openKey = key;
            }
            return open;
        }
    }

    /**
     * The open suite of this JVM on a Hadoop folder, opened when the task is of another suite or
     * execution: a fresh local copy under Spark's scratch folder (the executor's working
     * directory on a cluster, the driver's temporary folder with a local master).
     */
    private StagedSuite staged() {
        synchronized (RunTask.class) {
            String scratch = SparkFiles.getRootDirectory();
            List<String> key = Arrays.asList(suiteJson, remote.uri(), dataDir, remote.execution(), scratch);
            if (!key.equals(openKey)) {
                drop();
                Path local = Path.of(scratch).toAbsolutePath().resolve("lskd-" + remote.execution());
                try {
                    Files.createDirectories(local);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the local copy " + local + " of " + remote.uri()
                            + ": " + e, e);
                }
                Registry registry = registry();
                openStaged = new StagedSuite(HadoopFolder.open(remote.uri(), remote.conf().value()), local, registry,
                        suite(registry));
                openKey = key;
            }
            return openStaged;
        }
    }

    /** Drops the open suite: its data freed, its local copy removed. */
    private static void drop() {
        openKey = null;
        open = null;
        if (openStaged != null) {
            StagedSuite staged = openStaged;
            openStaged = null;
            staged.close();
        }
    }

    private Registry registry() {
        return Registry.discover(RunTask.class.getClassLoader(), new Workspace(dataDir == null ? null
                : Path.of(dataDir)));
    }

    private SuiteSpec suite(Registry registry) {
        return registry.reader().read(suiteJson, SuiteSpec.class);
    }
}
