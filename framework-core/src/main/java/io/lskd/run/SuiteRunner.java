package io.lskd.run;

import io.lskd.analysis.RunAnalysis;
import io.lskd.config.CanonicalJson;
import io.lskd.config.TypeName;
import io.lskd.graph.NativeThreads;
import io.lskd.graph.TrainingDivergedException;
import io.lskd.graph.TrainingInterruptedException;
import io.lskd.plugin.Registry;
import io.lskd.spec.AnalysisSpec;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.TaskSpec;
import io.lskd.spec.VariantSpec;
import io.lskd.spi.ModelOutputs;
import io.lskd.spi.RunListener;
import io.lskd.spi.SavableState;
import io.lskd.spi.TaskSession;
import io.lskd.spi.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a suite in this process: opens its main task and every variant's once (data read and
 * checked before any training), optionally estimates its time, then trains the runs (task x seed
 * x arm) on {@link Parallelism#runs()} threads, a distilled student as soon as its teacher of
 * the same task and seed has finished, each in its folder
 * {@code <out>/<suite>/[<variant>/]<arm>_s<seed>_<id>/} (files in {@link RunFolder}; beside
 * them any training state of the model, e.g. smoother-state.json, and analysis.json,
 * {@link RunAnalysis}).
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
    private final Parallelism parallelism;
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
        this.registry = registry;
        this.listener = listener;
        this.parallelism = parallelism;
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
     * Training time only, of the runs still to train: steps per run times the measured seconds
     * per step of the run's model, summed over the runs, divided by the runs trained at once (so
     * an upper bound when they share the cores well, a lower one when they do not).
     */
    private void estimate(SuiteSpec suite, List<PlannedRun> plan) {
        Map<String, OptionalDouble> perModel = new HashMap<>();
        Map<String, Double> perArm = new LinkedHashMap<>();
        double total = 0;
        for (PlannedRun run : plan) {
            if (run.folder().isFinished() || run.folder().hasFailed()) {
                continue;
            }
            TaskSession session = run.job().session();
            long steps = (long) suite.training().stepsPerEpoch(session.trainSize()) * suite.training().epochs();
            OptionalDouble seconds = perModel.computeIfAbsent(run.job().variant() + "/" + run.arm().model(),
                    m -> session.secondsPerStep(run.arm(), suite.training()));
            if (seconds.isEmpty()) {
                return;
            }
            String arm = (run.job().variant() == null ? "" : run.job().variant() + "/") + run.arm().name();
            perArm.putIfAbsent(arm, seconds.getAsDouble() * steps);
            total += seconds.getAsDouble() * steps;
        }
        if (!perArm.isEmpty()) {
            listener.estimated(perArm, total / parallelism.runs());
        }
    }

    /** One task of the suite: the main one (variant null) or a variant's. */
    private record Job(String variant, TaskSpec task, AnalysisSpec analysis, TaskSession session, Path dir) {
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
            List<Job> jobs = new ArrayList<>();
            jobs.add(open(null, suite.task(), suite.analysis(), suiteDir));
            for (VariantSpec variant : suite.variants()) {
                jobs.add(open(variant.name(), variant.task(),
                        variant.analysis() == null ? suite.analysis() : variant.analysis(),
                        suiteDir.resolve(variant.name())));
            }
            List<PlannedRun> plan = plan(suite, jobs);
            String data = jobs.stream().map(j -> (j.variant() == null ? "" : j.variant() + ": ")
                    + j.session().describe()).reduce((a, b) -> a + "\n" + b).orElseThrow();
            listener.suiteStarted(suite, data, plan.size());
            NativeThreads.useForProcess(parallelism.threadsPerRun());
            if (estimateFirst) {
                NativeThreads.useForThisThread(parallelism.threadsPerRun()); // time steps as the runs will take them
                estimate(suite, plan);
            }
            return schedule(suite, suiteDir, plan);
        }
    }

    private SuiteOutcome schedule(SuiteSpec suite, Path suiteDir, List<PlannedRun> plan) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism.runs(), runThreads());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Map<String, CompletableFuture<Outcome>> futures = new LinkedHashMap<>();
        try {
            for (PlannedRun run : plan) {
                CompletableFuture<Outcome> future = run.teacherArm() == null
                        ? CompletableFuture.supplyAsync(() -> execute(suite, suiteDir, run, null, failure), pool)
                        : futures.get(run.teacherKey()).thenApplyAsync(
                                teacher -> execute(suite, suiteDir, run, teacher, failure), pool);
                futures.put(run.key(), future);
            }
            List<RunResult> results = new ArrayList<>();
            List<RunFailure> failures = new ArrayList<>();
            for (CompletableFuture<Outcome> future : futures.values()) {
                try {
                    Outcome outcome = future.join();
                    if (outcome.result() != null) {
                        results.add(outcome.result());
                    }
                    if (outcome.failure() != null) {
                        failures.add(outcome.failure());
                    }
                } catch (CompletionException | CancellationException e) {
                    // the first failure is rethrown below, once every started run has finished
                }
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            return new SuiteOutcome(results, failures);
        } finally {
            pool.shutdownNow();
        }
    }

    private Job open(String variant, TaskSpec task, AnalysisSpec analysis, Path dir) throws IOException {
        String taskName = task.getClass().getAnnotation(TypeName.class).value();
        return new Job(variant, task, analysis, registry.task(taskName).open(task), dir);
    }

    /**
     * What became of a run: its result and (lazily loaded, for a run finished earlier) its model
     * when it finished, its failure when it diverged or its teacher did not finish.
     */
    private record Outcome(RunResult result, Supplier<TrainedModel> model, RunFailure failure) {
        static Outcome failed(RunFailure failure) {
            return new Outcome(null, null, failure);
        }
    }

    /** One arm at one seed on one task, in the order runs are started. */
    private record PlannedRun(Job job, ArmSpec arm, ArmSpec teacherArm, int seed, RunSpec spec, RunFolder folder) {
        String key() {
            return key(arm.name());
        }

        String teacherKey() {
            return key(teacherArm.name());
        }

        private String key(String armName) {
            return job.variant() + "/" + armName + "@" + seed;
        }

        String name() {
            return (job.variant() == null ? "" : job.variant() + "/") + arm.name() + " (seed " + seed + ")";
        }
    }

    private static List<PlannedRun> plan(SuiteSpec suite, List<Job> jobs) {
        List<PlannedRun> plan = new ArrayList<>();
        for (Job job : jobs) {
            for (int seed : suite.seeds()) {
                for (ArmSpec arm : orderedArms(suite)) {
                    ArmSpec teacherArm = arm.teacher() == null ? null : suite.arm(arm.teacher());
                    RunSpec spec = RunSpec.of(suite, job.task(), arm, seed);
                    plan.add(new PlannedRun(job, arm, teacherArm, seed, spec, new RunFolder(job.dir(), spec)));
                }
            }
        }
        return plan;
    }

    /**
     * Skips, trains or resumes one run on a worker thread. After another run has failed hard
     * (or a stop was requested), runs not yet started are skipped, so the suite stops soon
     * while finished work stays.
     */
    private Outcome execute(SuiteSpec suite, Path suiteDir, PlannedRun run, Outcome teacher,
                            AtomicReference<RuntimeException> failure) {
        if (failure.get() != null) {
            throw new CancellationException("skipped after an earlier failure");
        }
        NativeThreads.useForThisThread(parallelism.threadsPerRun());
        try {
            return runOne(suite, suiteDir, run, teacher);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            throw e;
        } catch (Error e) { // not lost in the future: the suite stops with it, like with an exception
            String hint = e instanceof OutOfMemoryError // e.g. JavaCPP's resident-memory limit
                    ? " (the launcher's LSKD_HEAP and LSKD_MAXRSS raise the limits; --parallel 1 trains one run at"
                    + " a time)" : "";
            RunFailedException stopped = new RunFailedException("run " + run.name() + " stopped: " + e
                    + "; finished runs and the last checkpoint are kept" + hint, e);
            failure.compareAndSet(null, stopped);
            throw stopped;
        }
    }

    private Outcome runOne(SuiteSpec suite, Path suiteDir, PlannedRun run, Outcome teacherOutcome) {
        TaskSession session = run.job().session();
        ArmSpec arm = run.arm();
        RunFolder folder = run.folder();
        String runName = run.name();
        long initSeed = suite.seeding().initSeed(arm.role(), run.seed());
        if (folder.isFinished()) {
            RunResult result = folder.readResult();
            listener.runSkipped(runName, "finished earlier: " + folder.folder());
            return new Outcome(result, memoize(() -> load(session, suite, arm, initSeed, folder, runName)), null);
        }
        if (folder.hasFailed()) {
            String reason = folder.readFailure();
            listener.runSkipped(runName, "failed earlier: " + reason + " (--fresh starts the suite again)");
            return Outcome.failed(new RunFailure(runName, folder.folder().toString(), reason));
        }
        if (run.teacherArm() != null && teacherOutcome.model() == null) {
            String reason = "its teacher " + run.teacherArm().name() + " (seed " + run.seed() + ") did not finish";
            listener.runSkipped(runName, reason);
            return Outcome.failed(new RunFailure(runName, folder.folder().toString(), reason));
        }
        if (stop.requested()) {
            throw new RunInterruptedException("stopped on request before " + runName
                    + "; run the same command again to continue", null);
        }
        try (FolderLock lock = FolderLock.acquire(folder.lockFile(), "run folder " + folder.folder())) {
            TrainedModel teacher = teacherOutcome == null ? null : teacherOutcome.model().get();
            return train(suite, suiteDir, run, teacher);
        } catch (IOException e) {
            throw new RunFailedException("run " + runName + ": could not write its results in " + folder.folder()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Trains (or resumes) one run and records its result or failure. */
    private Outcome train(SuiteSpec suite, Path suiteDir, PlannedRun plannedRun, TrainedModel teacher)
            throws IOException {
        TaskSession session = plannedRun.job().session();
        ArmSpec arm = plannedRun.arm();
        int seed = plannedRun.seed();
        RunSpec spec = plannedRun.spec();
        RunFolder run = plannedRun.folder();
        String runName = plannedRun.name();
        String runId = CanonicalJson.sha256(spec);
        long initSeed = suite.seeding().initSeed(arm.role(), seed);
        long dataSeed = suite.seeding().dataSeed(seed);
        run.writeSpec(CanonicalJson.toJson(spec));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("runId", runId);
        facts.put("suite", suite.suite());
        if (plannedRun.job().variant() != null) {
            facts.put("variant", plannedRun.job().variant());
        }
        facts.put("arm", arm.name());
        facts.put("seed", seed);
        facts.put("initSeed", initSeed);
        facts.put("dataSeed", dataSeed);
        facts.put("datasetFingerprint", session.datasetFingerprint());
        if (teacher != null) {
            facts.put("teacherArm", arm.teacher());
            facts.put("teacherRunId", CanonicalJson.sha256(
                    RunSpec.of(suite, plannedRun.job().task(), plannedRun.teacherArm(), seed)));
            facts.put("teacherFingerprint", teacher.fingerprint());
        }
        ProvenanceLog provenance = ProvenanceLog.begin(run.provenanceFile(), facts);
        provenance.attemptFact("parallelism", Map.of("runsAtOnce", parallelism.runs(),
                "threadsPerRun", parallelism.threadsPerRun()));
        listener.runStarted(runName, suite.training().epochs(), suite.training().stepsPerEpoch(session.trainSize()));
        RunMonitor monitor = new RunMonitor(runName, run, suiteDir.resolve(TEACHER_OUTPUTS), provenance, listener,
                stop);
        TrainedModel model;
        try {
            model = session.train(arm, suite.training(), initSeed, dataSeed, teacher, monitor);
        } catch (TrainingDivergedException e) {
            provenance.ended("diverged");
            String reason = e.getMessage();
            run.writeFailure(runName, runId, e.epoch(), e.step(), reason);
            listener.runFailed(runName, reason + "; the epochs before it are in " + run.metricsLog());
            return Outcome.failed(new RunFailure(runName, run.folder().toString(), reason));
        } catch (TrainingInterruptedException e) {
            provenance.ended("interrupted");
            throw new RunInterruptedException("run " + runName + " " + e.getMessage()
                    + "; run the same command again to continue from it", e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new RunFailedException("run " + runName + " in " + run.folder() + " stopped: " + e.getMessage()
                    + "; finished runs and the last checkpoint are kept", e);
        }
        run.saveModel(model);
        for (Map.Entry<String, SavableState> state : model.trainingState().entrySet()) {
            state.getValue().save(run.folder().resolve(state.getKey()));
        }
        ModelOutputs outputs = session.outputs(model);
        if (outputs != null) {
            JsonFiles.write(run.folder().resolve("analysis.json"),
                    RunAnalysis.of(outputs, arm.role() == ArmSpec.Role.TEACHER, plannedRun.job().analysis()));
        }
        Map<String, Double> metrics = session.evaluate(model, arm.role(), teacher);
        provenance.finished(model.fingerprint());
        RunResult result = new RunResult(suite.suite(), plannedRun.job().variant(), arm.name(),
                arm.role().name().toLowerCase(), arm.teacher(), seed, runId, session.datasetFingerprint(),
                model.fingerprint(), model.parameterCount(), suite.training().epochs(), provenance.seconds(), metrics);
        run.writeResult(result);
        listener.runFinished(runName, metrics);
        return new Outcome(result, () -> model, null);
    }

    private static ThreadFactory runThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "lskd-run-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** "2 h 05 min", "7 min", "40 s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600 + 30) / 60 % 60);
        }
        return s >= 60 ? (s + 30) / 60 + " min" : s + " s";
    }

    private TrainedModel load(TaskSession session, SuiteSpec suite, ArmSpec arm, long initSeed, RunFolder run,
                              String runName) {
        try {
            return session.load(arm, suite.training(), initSeed, run.modelFile());
        } catch (IOException e) {
            throw new RunFailedException("cannot load the finished run " + runName + " from " + run.modelFile()
                    + ": " + e.getMessage(), e);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
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
