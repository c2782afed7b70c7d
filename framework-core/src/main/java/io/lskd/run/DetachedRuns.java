package io.lskd.run;

import io.lskd.graph.NativeThreads;
import io.lskd.plugin.Registry;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.TaskSpec;
import io.lskd.spec.VariantSpec;
import io.lskd.spi.RunListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trains single runs of a suite in a process that did not plan it: a task of a cluster
 * executor. The planning process ({@link SuiteRunner}) prepared the suite's folder on a file
 * system that this process sees at the same path; here each run is skipped, trained or resumed
 * from its newest checkpoint exactly as in-process, writing the same files, and a student's
 * teacher is loaded from its finished run's folder. A run that a retried task starts again
 * therefore continues from its last checkpoint, and a finished one is not trained twice.
 *
 * <p>Each task of the suite (the main one, each variant's) is opened once per instance, on
 * first use, so keep one instance per suite in a long-lived worker. Thread-safe: several runs
 * may train at once, each on its own thread.
 */
public final class DetachedRuns {

    private final Registry registry;
    private final SuiteSpec suite;
    private final Path suiteDir;
    private final Map<Optional<String>, PlannedRun.Job> jobs = new ConcurrentHashMap<>();

    /**
     * @param outDir the results folder the suite was planned with (its folder is {@code outDir/<suite>})
     */
    public DetachedRuns(Registry registry, SuiteSpec suite, Path outDir) {
        this.registry = registry;
        this.suite = suite;
        this.suiteDir = outDir.resolve(suite.suite());
    }

    /**
     * Skips, trains or resumes one run on the calling thread.
     *
     * @param parallelism the runs this worker trains at once and the native threads of each; the
     *     calling thread's native threads are set from it
     * @param attemptFacts recorded in the run's provenance.json for this attempt (e.g. the cluster task)
     * @param listener progress of this run
     * @param stop checked after every step: when set, the run writes a checkpoint and stops
     * @throws RunFailedException when the run could not be trained
     * @throws RunInterruptedException when {@code stop} was set
     */
    public RunOutcome run(RunRef ref, Parallelism parallelism, Map<String, Object> attemptFacts, RunListener listener,
                          StopRequest stop) {
        PlannedRun run = PlannedRun.of(suite, job(ref.variant()), suite.arm(ref.arm()), ref.seed());
        RunExecution.Outcome teacher = run.teacherArm() == null ? null
                : RunExecution.earlier(suite, PlannedRun.of(suite, run.job(), run.teacherArm(), ref.seed()));
        NativeThreads.useForProcess(parallelism.threadsPerRun());
        NativeThreads.useForThisThread(parallelism.threadsPerRun());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("parallelism", Map.of("runsAtOnce", parallelism.runs(), "threadsPerRun",
                parallelism.threadsPerRun()));
        facts.putAll(attemptFacts);
        return new RunExecution(listener, stop, facts).run(suite, suiteDir, run, teacher).toRunOutcome(ref);
    }

    /**
     * The folder of a run, {@code <outDir>/<suite>/[<variant>/]<arm>_s<seed>_<id>} (files in
     * {@link SuiteRunner}), found without opening the run's data.
     */
    public Path folder(RunRef ref) {
        TaskSpec task = ref.variant() == null ? suite.task() : variant(ref.variant()).task();
        Path dir = ref.variant() == null ? suiteDir : suiteDir.resolve(ref.variant());
        return new RunFolder(dir, RunSpec.of(suite, task, suite.arm(ref.arm()), ref.seed())).folder();
    }

    /** The run whose model teaches {@code ref}'s (its teacher arm at the same variant and seed); null for none. */
    public RunRef teacher(RunRef ref) {
        String teacher = suite.arm(ref.arm()).teacher();
        return teacher == null ? null : ref.withArm(teacher);
    }

    private VariantSpec variant(String name) {
        return suite.variants().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("suite '" + suite.suite()
                        + "' has no variant named '" + name + "'"));
    }

    private PlannedRun.Job job(String variant) {
        return jobs.computeIfAbsent(Optional.ofNullable(variant), v -> {
            try {
                if (v.isEmpty()) {
                    return PlannedRun.Job.open(registry, null, suite.task(), suite.analysis(), suiteDir);
                }
                VariantSpec spec = variant(v.get());
                return PlannedRun.Job.open(registry, spec.name(), spec.task(),
                        spec.analysis() == null ? suite.analysis() : spec.analysis(), suiteDir.resolve(spec.name()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the data of suite '" + suite.suite() + "'"
                        + v.map(name -> ", variant '" + name + "'").orElse("") + ": " + e.getMessage(), e);
            }
        });
    }
}
