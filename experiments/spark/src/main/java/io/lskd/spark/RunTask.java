package io.lskd.spark;

import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.run.DetachedRuns;
import io.lskd.run.Parallelism;
import io.lskd.run.RunOutcome;
import io.lskd.run.RunRef;
import io.lskd.run.StopRequest;
import io.lskd.spec.SuiteSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * One Spark task: trains, resumes or skips one run of a suite in the suite's folder
 * ({@link DetachedRuns}) and returns what became of it. A task that Spark retries after a
 * failure starts the run again from its newest checkpoint; one whose run had finished before it
 * was lost returns the finished result without training.
 *
 * <p>Travels to the executors with the suite as canonical JSON, the folder and data paths as
 * strings, and the thread budget; each executor JVM opens the suite's data once and keeps it
 * for the next tasks of the same suite (and drops it for another suite).
 */
final class RunTask implements Function<RunRef, RunOutcome> {

    private static final long serialVersionUID = 1L;

    /** The suite this executor JVM trains runs of, with its data open: key and runs. */
    private static List<String> openKey;
    private static DetachedRuns open;

    private final String suiteJson;
    private final String outDir;
    private final String dataDir;
    private final int threadsPerRun;
    private final int runsAtOnce;
    private final String master;
    private final TaskListeners listeners;

    RunTask(String suiteJson, String outDir, String dataDir, int threadsPerRun, int runsAtOnce, String master,
            TaskListeners listeners) {
        this.suiteJson = suiteJson;
        this.outDir = outDir;
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
        return runs().run(run, new Parallelism(runsAtOnce, threadsPerRun), Map.of("spark", spark),
                new TaskProgress(task, stop, listeners.forRun(run)), stop);
    }

    /** The open suite of this JVM, opened (data read) when the task is of another suite. */
    private DetachedRuns runs() {
        List<String> key = Arrays.asList(suiteJson, outDir, dataDir);
        synchronized (RunTask.class) {
            if (!key.equals(openKey)) {
                Registry registry = Registry.discover(RunTask.class.getClassLoader(),
                        new Workspace(dataDir == null ? null : Path.of(dataDir)));
                SuiteSpec suite = registry.reader().read(suiteJson, SuiteSpec.class);
                open = new DetachedRuns(registry, suite, Path.of(outDir));
                openKey = key;
            }
            return open;
        }
    }
}
