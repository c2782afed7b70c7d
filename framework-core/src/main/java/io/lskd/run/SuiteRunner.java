package io.lskd.run;

import io.lskd.analysis.RunAnalysis;
import io.lskd.graph.FreePages;
import io.lskd.graph.NativeThreads;
import io.lskd.plugin.Registry;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.VariantSpec;
import io.lskd.spi.RunListener;
import io.lskd.spi.TaskSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Runs a suite: opens its main task and every variant's once (data read and checked before any
 * training), optionally estimates its time, then has its {@link SuiteExecutor} train the runs
 * (task x seed x arm), a distilled student after its teacher of the same task and seed, each in
 * its folder {@code <out>/<suite>/[<variant>/]<arm>_s<seed>_<id>/} (files in {@link RunFolder};
 * beside them any training state of the model, e.g. smoother-state.json, and analysis.json,
 * {@link RunAnalysis}). The default executor trains them in this process
 * ({@link InProcessExecutor}); a cluster executor sends them to tasks elsewhere.
 *
 * <p>Nothing finished is lost or redone: a run whose result.json exists is skipped (a finished
 * teacher is loaded again when a student needs it), an unfinished one resumes from its newest
 * checkpoint, and which folder may be continued is decided by {@link SuiteFolder}. A run that
 * diverges is recorded as failed (failed.json) and the suite goes on (its students are
 * skipped). Any other failure (an unwritable folder, a stop request) stops the suite: runs
 * already training finish (or checkpoint and stop, on a stop request), runs not started are
 * skipped, and the first failure is thrown. The suite folder is locked once, each run folder
 * while its run trains, so a second process refuses instead of corrupting them.
 */
public final class SuiteRunner {

    /** The teacher-output cache of a suite, shared by its runs. */
    static final String TEACHER_OUTPUTS = "teacher-outputs";

    private final Registry registry;
    private final RunListener listener;
    private final SuiteExecutor executor;
    private final StopRequest stop;
    private boolean estimateFirst;

    /** A runner that trains one run at a time on every core. */
    public SuiteRunner(Registry registry, RunListener listener) {
        this(registry, listener, Parallelism.sequential(Runtime.getRuntime().availableProcessors()));
    }

    /** A runner that trains several runs at once; the listener must then be thread-safe. */
    public SuiteRunner(Registry registry, RunListener listener, Parallelism parallelism) {
        this(registry, listener, parallelism, new StopRequest());
    }

    /** @param stop checked after every training step; set it to stop the suite cleanly */
    public SuiteRunner(Registry registry, RunListener listener, StopRequest stop) {
        this(registry, listener, Parallelism.sequential(Runtime.getRuntime().availableProcessors()), stop);
    }

    /**
     * @param parallelism runs trained at once and native threads per run; with more than one
     *     run at once the listener must be thread-safe
     * @param stop checked after every training step; set it to stop the suite cleanly
     */
    public SuiteRunner(Registry registry, RunListener listener, Parallelism parallelism, StopRequest stop) {
        this(registry, listener, new InProcessExecutor(parallelism), stop);
    }

    /**
     * @param executor where and when the runs train; with more than one run at once the listener
     *     must be thread-safe
     * @param stop checked after every training step; set it to stop the suite cleanly
     */
    public SuiteRunner(Registry registry, RunListener listener, SuiteExecutor executor, StopRequest stop) {
        this.registry = registry;
        this.listener = listener;
        this.executor = executor;
        this.stop = stop;
    }

    /**
     * Before training, times a few steps of each distinct model on the suite's data and reports
     * the estimated time of every arm and of the suite ({@link RunListener#estimated}).
     */
    public SuiteRunner estimateFirst() {
        this.estimateFirst = true;
        return this;
    }

    /**
     * Training time of the runs still to train: each arm's measured time per run (timed once per
     * distinct model, loss and teacher model), summed over the runs, divided by the runs trained
     * at once (so an upper bound when they share the cores well, a lower one when they do not).
     * The models built for timing are then let go, and their pages handed back.
     */
    private void estimate(SuiteSpec suite, List<PlannedRun> plan) {
        Map<List<Object>, OptionalDouble> perModel = new HashMap<>();
        Map<String, Double> perArm = new LinkedHashMap<>();
        double total = 0;
        for (PlannedRun run : plan) {
            if (run.folder().isFinished() || run.folder().hasFailed()) {
                continue;
            }
            TaskSession session = run.job().session();
            List<Object> key = Arrays.asList(run.job().variant(), run.arm().model(), run.arm().distiller(),
                    run.teacherArm() == null ? null : run.teacherArm().model());
            OptionalDouble seconds = perModel.computeIfAbsent(key,
                    k -> session.secondsToTrain(run.arm(), run.teacherArm(), suite.training()));
            if (seconds.isEmpty()) {
                return;
            }
            String arm = (run.job().variant() == null ? "" : run.job().variant() + "/") + run.arm().name();
            perArm.putIfAbsent(arm, seconds.getAsDouble());
            total += seconds.getAsDouble();
        }
        FreePages.release();
        if (!perArm.isEmpty()) {
            listener.estimated(perArm, total / executor.runsAtOnce());
        }
    }

    /**
     * Runs (or continues, see {@link ResumeMode#CONTINUE}) every run of the suite and returns
     * only the results, in run order.
     *
     * @throws RunFailedException after the suite, when a run diverged or was skipped for that
     */
    public List<RunResult> run(SuiteSpec suite, Path outDir) throws IOException {
        SuiteOutcome outcome = run(suite, outDir, ResumeMode.CONTINUE);
        if (!outcome.failures().isEmpty()) {
            throw new RunFailedException(outcome.failures().size() + " run(s) did not finish: "
                    + outcome.failures().stream().map(f -> f.run() + ": " + f.reason()).toList(), null);
        }
        return outcome.results();
    }

    /**
     * Runs (or continues) every arm for every seed, for the main task and each variant. Every
     * task's data is read and checked before anything trains.
     */
    public SuiteOutcome run(SuiteSpec suite, Path outDir, ResumeMode mode) throws IOException {
        Path suiteDir = outDir.resolve(suite.suite());
        Path lockFile = outDir.resolve("." + suite.suite() + ".lock");
        try (FolderLock lock = FolderLock.acquire(lockFile, "suite folder " + suiteDir)) {
            boolean continuing = SuiteFolder.prepare(suiteDir, suite, mode, listener);
            if (continuing) {
                listener.notice("continuing the earlier run of this suite in " + suiteDir
                        + ": finished runs are kept, unfinished ones resume from their last checkpoint");
            }
            List<PlannedRun.Job> jobs = new ArrayList<>();
            jobs.add(PlannedRun.Job.open(registry, null, suite.task(), suite.analysis(), suiteDir));
            for (VariantSpec variant : suite.variants()) {
                jobs.add(PlannedRun.Job.open(registry, variant.name(), variant.task(),
                        variant.analysis() == null ? suite.analysis() : variant.analysis(),
                        suiteDir.resolve(variant.name())));
            }
            List<PlannedRun> plan = plan(suite, jobs);
            String data = jobs.stream().map(j -> (j.variant() == null ? "" : j.variant() + ": ")
                    + j.session().describe()).reduce((a, b) -> a + "\n" + b).orElseThrow();
            listener.suiteStarted(suite, data, plan.size());
            if (estimateFirst) {
                // time steps with the thread budget the runs will have
                NativeThreads.useForProcess(executor.threadsPerRun());
                NativeThreads.useForThisThread(executor.threadsPerRun());
                estimate(suite, plan);
            }
            return executor.execute(new SuitePlan(suite, outDir, suiteDir, plan, listener, stop));
        }
    }

    private static List<PlannedRun> plan(SuiteSpec suite, List<PlannedRun.Job> jobs) {
        List<PlannedRun> plan = new ArrayList<>();
        for (PlannedRun.Job job : jobs) {
            for (int seed : suite.seeds()) {
                for (ArmSpec arm : orderedArms(suite)) {
                    plan.add(PlannedRun.of(suite, job, arm, seed));
                }
            }
        }
        return plan;
    }

    /**
     * Arms in an order where each teacher comes before its students: arms without a teacher
     * first, then their students, then the students of those, each group in file order.
     */
    static List<ArmSpec> orderedArms(SuiteSpec suite) {
        List<ArmSpec> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<ArmSpec> waiting = new ArrayList<>(suite.arms());
        while (!waiting.isEmpty()) {
            List<ArmSpec> ready = waiting.stream()
                    .filter(a -> a.teacher() == null || placed.contains(a.teacher())).toList();
            if (ready.isEmpty()) {
                throw new IllegalArgumentException("arms " + waiting.stream().map(ArmSpec::name).toList()
                        + " name teachers that form a cycle");
            }
            ordered.addAll(ready);
            ready.forEach(a -> placed.add(a.name()));
            waiting.removeAll(ready);
        }
        return ordered;
    }
}
