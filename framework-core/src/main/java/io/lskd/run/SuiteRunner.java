package io.lskd.run;

import io.lskd.analysis.RunAnalysis;
import io.lskd.config.CanonicalJson;
import io.lskd.config.TypeName;
import io.lskd.graph.NativeThreads;
import io.lskd.graph.TrainingDivergedException;
import io.lskd.plugin.Registry;
import io.lskd.spec.AnalysisSpec;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.ModelSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.TaskSpec;
import io.lskd.spec.VariantSpec;
import io.lskd.spi.ModelOutputs;
import io.lskd.spi.RunListener;
import io.lskd.spi.SavableState;
import io.lskd.spi.TaskSession;
import io.lskd.spi.TrainedModel;
import io.lskd.spi.TrainingMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

/**
 * Runs a suite in this process: opens its main task and every variant's once (data read and
 * checked before any training), optionally estimates its time, then trains the runs (task x seed
 * x arm) on {@link Parallelism#runs()} threads, a distilled student as soon as its teacher of
 * the same task and seed has finished, writing each run's files under
 * {@code <out>/<suite>/[<variant>/]<arm>_s<seed>_<id>/}: spec.json (canonical), metrics.jsonl
 * (one line per epoch, appended as it comes), model.sd, any training state beside it (e.g.
 * smoother-state.json), analysis.json ({@link RunAnalysis}) and result.json (at the end, so
 * its presence marks a finished run). A run that fails (e.g. diverges) stops the suite with a message naming the run, the epoch and the
 * step: runs already training finish and keep their results, runs not started are skipped.
 * An earlier run's suite folder is moved aside first.
 */
public final class SuiteRunner {

    private final Registry registry;
    private final RunListener listener;
    private final Parallelism parallelism;
    private boolean estimateFirst;

    /** A runner that trains one run at a time on every core. */
    public SuiteRunner(Registry registry, RunListener listener) {
        this(registry, listener, Parallelism.sequential(Runtime.getRuntime().availableProcessors()));
    }

    /** A runner that trains several runs at once; the listener must then be thread-safe. */
    public SuiteRunner(Registry registry, RunListener listener, Parallelism parallelism) {
        this.registry = registry;
        this.listener = listener;
        this.parallelism = parallelism;
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
     * Training time only: steps per run times the measured seconds per step of the run's model,
     * summed over the runs, divided by the runs trained at once (so an upper bound when they
     * share the cores well, a lower one when they do not).
     */
    private void estimate(SuiteSpec suite, List<PlannedRun> plan) {
        Map<String, OptionalDouble> perModel = new HashMap<>();
        Map<String, Double> perArm = new LinkedHashMap<>();
        double total = 0;
        for (PlannedRun run : plan) {
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
        listener.estimated(perArm, total / parallelism.runs());
    }

    /** One task of the suite: the main one (variant null) or a variant's. */
    private record Job(String variant, TaskSpec task, AnalysisSpec analysis, TaskSession session, Path dir) {
    }

    /**
     * Runs every arm for every seed, for the main task and then each variant; returns the
     * results in run order. Every task's data is read and checked before anything trains.
     */
    public List<RunResult> run(SuiteSpec suite, Path outDir) throws IOException {
        Path suiteDir = outDir.resolve(suite.suite());
        keepEarlierResults(suiteDir);
        Files.createDirectories(suiteDir);
        JsonFiles.writeText(suiteDir.resolve("suite.json"), CanonicalJson.toJson(suite) + "\n");
        List<Job> jobs = new ArrayList<>();
        jobs.add(open(null, suite.task(), suite.analysis(), suiteDir));
        for (VariantSpec variant : suite.variants()) {
            jobs.add(open(variant.name(), variant.task(),
                    variant.analysis() == null ? suite.analysis() : variant.analysis(), suiteDir.resolve(variant.name())));
        }
        List<PlannedRun> plan = plan(suite, jobs);
        String data = jobs.stream().map(j -> (j.variant() == null ? "" : j.variant() + ": ") + j.session().describe())
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        listener.suiteStarted(suite, data, plan.size());
        if (estimateFirst) {
            estimate(suite, plan);
        }
        NativeThreads.useForProcess(parallelism.threadsPerRun());
        ExecutorService pool = Executors.newFixedThreadPool(parallelism.runs(), runThreads());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Map<String, CompletableFuture<Finished>> futures = new LinkedHashMap<>();
        try {
            for (PlannedRun run : plan) {
                CompletableFuture<Finished> future = run.teacherArm() == null
                        ? CompletableFuture.supplyAsync(() -> execute(suite, run, null, failure), pool)
                        : futures.get(run.teacherKey()).thenApplyAsync(
                                teacher -> execute(suite, run, teacher.model(), failure), pool);
                futures.put(run.key(), future);
            }
            List<RunResult> results = new ArrayList<>();
            for (CompletableFuture<Finished> future : futures.values()) {
                try {
                    results.add(future.join().result());
                } catch (CompletionException | CancellationException e) {
                    // the first failure is rethrown below, once every started run has finished
                }
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Job open(String variant, TaskSpec task, AnalysisSpec analysis, Path dir) throws IOException {
        String taskName = task.getClass().getAnnotation(TypeName.class).value();
        return new Job(variant, task, analysis, registry.task(taskName).open(task), dir);
    }

    /** A trained run: its result and its model, which students distilled from it use. */
    private record Finished(RunResult result, TrainedModel model) {
    }

    /** One arm at one seed on one task, in the order runs are started. */
    private record PlannedRun(Job job, ArmSpec arm, ArmSpec teacherArm, int seed, RunSpec spec, Path dir) {
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
                    RunSpec spec = new RunSpec(suite.suite(), job.task(), suite.training(), suite.seeding(), arm,
                            teacherArm, seed);
                    String runId = CanonicalJson.sha256(spec);
                    plan.add(new PlannedRun(job, arm, teacherArm, seed, spec,
                            job.dir().resolve(arm.name() + "_s" + seed + "_" + runId.substring(0, 12))));
                }
            }
        }
        return plan;
    }

    /**
     * Trains and evaluates one run and writes its files. After another run has failed, runs
     * not yet started are skipped, so the suite stops soon while finished work stays.
     */
    private Finished execute(SuiteSpec suite, PlannedRun run, TrainedModel teacher,
                             AtomicReference<RuntimeException> failure) {
        if (failure.get() != null) {
            throw new CancellationException("skipped after an earlier failure");
        }
        NativeThreads.useForThisThread(parallelism.threadsPerRun());
        try {
            return train(suite, run, teacher);
        } catch (IOException e) {
            RunFailedException failed = new RunFailedException("run " + run.name() + ": could not write its results in "
                    + run.dir() + ": " + e.getMessage(), e);
            failure.compareAndSet(null, failed);
            throw failed;
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            throw e;
        }
    }

    private Finished train(SuiteSpec suite, PlannedRun run, TrainedModel teacher) throws IOException {
        TaskSession session = run.job().session();
        ArmSpec arm = run.arm();
        int seed = run.seed();
        Path runDir = run.dir();
        Files.createDirectories(runDir);
        String runId = CanonicalJson.sha256(run.spec());
        JsonFiles.writeText(runDir.resolve("spec.json"), CanonicalJson.toJson(run.spec()) + "\n");
        Path metricsLog = runDir.resolve("metrics.jsonl");
        Files.deleteIfExists(metricsLog);
        String runName = run.name();
        long start = System.nanoTime();
        listener.runStarted(runName, suite.training().epochs(), suite.training().stepsPerEpoch(session.trainSize()));
        TrainedModel model;
        try {
            model = session.train(arm, suite.training(), suite.seeding().initSeed(arm.role(), seed),
                    suite.seeding().dataSeed(seed), teacher, monitor(runName, metricsLog, start));
        } catch (TrainingDivergedException e) {
            throw new RunFailedException("run " + runName + " in " + runDir + " stopped: " + e.getMessage()
                    + "; the epochs finished before it are in " + metricsLog, e);
        }
        model.save(runDir.resolve("model.sd"));
        for (Map.Entry<String, SavableState> state : model.trainingState().entrySet()) {
            state.getValue().save(runDir.resolve(state.getKey()));
        }
        ModelOutputs outputs = session.outputs(model);
        if (outputs != null) {
            JsonFiles.write(runDir.resolve("analysis.json"),
                    RunAnalysis.of(outputs, arm.role() == ArmSpec.Role.TEACHER, run.job().analysis()));
        }
        Map<String, Double> metrics = session.evaluate(model, arm.role(), teacher);
        double seconds = (System.nanoTime() - start) / 1e9;
        RunResult result = new RunResult(suite.suite(), run.job().variant(), arm.name(),
                arm.role().name().toLowerCase(), arm.teacher(), seed, runId, session.datasetFingerprint(),
                model.fingerprint(), model.parameterCount(), suite.training().epochs(), seconds, metrics);
        JsonFiles.write(runDir.resolve("result.json"), result);
        listener.runFinished(runName, metrics);
        return new Finished(result, model);
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

    /** Training time only: steps per run times the measured seconds per step of the arm's model. */
    private void estimate(SuiteSpec suite, TaskSession session) {
        long steps = (long) suite.training().stepsPerEpoch(session.trainSize()) * suite.training().epochs();
        Map<ModelSpec, OptionalDouble> perModel = new HashMap<>();
        Map<String, Double> perArm = new LinkedHashMap<>();
        double perSeed = 0;
        for (ArmSpec arm : orderedArms(suite)) {
            OptionalDouble seconds = perModel.computeIfAbsent(arm.model(),
                    m -> session.secondsPerStep(arm, suite.training()));
            if (seconds.isEmpty()) {
                return;
            }
            perArm.put(arm.name(), seconds.getAsDouble() * steps);
            perSeed += seconds.getAsDouble() * steps;
        }
        listener.estimated(perArm, perSeed * suite.seeds().size());
    }

    /**
     * A suite folder from an earlier run is renamed, never overwritten, so finished results
     * survive a re-run (resuming runs in place is not built yet).
     */
    private void keepEarlierResults(Path suiteDir) throws IOException {
        if (!Files.isDirectory(suiteDir)) {
            return;
        }
        try (var entries = Files.list(suiteDir)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        }
        String stamp = java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-');
        Path kept = suiteDir.resolveSibling(suiteDir.getFileName() + "-before-" + stamp);
        Files.move(suiteDir, kept);
        listener.notice("results of an earlier run of this suite were moved to " + kept);
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

    private TrainingMonitor monitor(String runName, Path metricsLog, long start) {
        return new TrainingMonitor() {
            @Override
            public void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize) {
                listener.step(runName, epoch, step, loss, batchSize);
            }

            @Override
            public void epochEnded(int epoch, Map<String, Double> metrics) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("epoch", epoch);
                line.putAll(metrics);
                line.put("seconds", (System.nanoTime() - start) / 1e9);
                try {
                    JsonFiles.appendLine(metricsLog, line);
                } catch (UncheckedIOException e) {
                    throw new RunFailedException("run " + runName + ": " + e.getMessage(), e);
                }
                listener.epochEnded(runName, epoch, metrics);
            }
        };
    }
}
