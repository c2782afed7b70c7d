package io.lskd.run;

import io.lskd.config.CanonicalJson;
import io.lskd.config.TypeName;
import io.lskd.graph.TrainingDivergedException;
import io.lskd.graph.TrainingInterruptedException;
import io.lskd.plugin.Registry;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import io.lskd.spi.TaskSession;
import io.lskd.spi.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a suite in this process: opens the task once (data read and checked before any
 * training), then for each seed trains the teacher arms and then the student arms, each in its
 * folder {@code <out>/<suite>/<arm>_s<seed>_<id>/} (files in {@link RunFolder}).
 *
 * <p>Nothing finished is lost or redone: a run whose result.json exists is skipped (a finished
 * teacher is loaded again when a student needs it), an unfinished one resumes from its newest
 * checkpoint, and which folder may be continued is decided by {@link SuiteFolder}. A run that
 * diverges is recorded as failed and the suite goes on (its students are skipped); a Ctrl-C
 * stops after the current step with a checkpoint. The suite folder and each run folder are
 * locked while in use, so a second process refuses instead of corrupting them.
 */
public final class SuiteRunner {

    /** The teacher-output cache of a suite, shared by its runs. */
    static final String TEACHER_OUTPUTS = "teacher-outputs";

    private final Registry registry;
    private final RunListener listener;
    private final StopRequest stop;

    public SuiteRunner(Registry registry, RunListener listener) {
        this(registry, listener, new StopRequest());
    }

    /** @param stop checked after every training step; set it to stop the suite cleanly */
    public SuiteRunner(Registry registry, RunListener listener, StopRequest stop) {
        this.registry = registry;
        this.listener = listener;
        this.stop = stop;
    }

    /** Runs (or continues) every arm for every seed. */
    public SuiteOutcome run(SuiteSpec suite, Path outDir, ResumeMode mode) throws IOException {
        Path suiteDir = outDir.resolve(suite.suite());
        Path lockFile = outDir.resolve("." + suite.suite() + ".lock");
        try (FolderLock lock = FolderLock.acquire(lockFile, "suite folder " + suiteDir)) {
            boolean continuing = SuiteFolder.prepare(suiteDir, suite, mode, listener);
            if (continuing) {
                listener.notice("continuing the earlier run of this suite in " + suiteDir
                        + ": finished runs are kept, unfinished ones resume from their last checkpoint");
            }
            String taskName = suite.task().getClass().getAnnotation(TypeName.class).value();
            TaskSession session = registry.task(taskName).open(suite.task());
            listener.suiteStarted(suite, session.describe(), orderedArms(suite).size() * suite.seeds().size());
            List<RunResult> results = new ArrayList<>();
            List<RunFailure> failures = new ArrayList<>();
            for (int seed : suite.seeds()) {
                Map<String, Supplier<TrainedModel>> models = new HashMap<>();
                for (ArmSpec arm : orderedArms(suite)) {
                    runArm(suite, suiteDir, session, arm, seed, models, results, failures);
                }
            }
            return new SuiteOutcome(results, failures);
        }
    }

    private void runArm(SuiteSpec suite, Path suiteDir, TaskSession session, ArmSpec arm, int seed,
                        Map<String, Supplier<TrainedModel>> models, List<RunResult> results,
                        List<RunFailure> failures) {
        ArmSpec teacherArm = arm.teacher() == null ? null : suite.arm(arm.teacher());
        RunSpec spec = RunSpec.of(suite, arm, seed);
        RunFolder run = new RunFolder(suiteDir, spec);
        String runName = arm.name() + " (seed " + seed + ")";
        long initSeed = suite.seeding().initSeed(arm.role(), seed);
        if (run.isFinished()) {
            RunResult result = run.readResult();
            results.add(result);
            models.put(arm.name(), memoize(() -> load(session, suite, arm, initSeed, run, runName)));
            listener.runSkipped(runName, "finished earlier: " + run.folder());
            return;
        }
        if (run.hasFailed()) {
            String reason = run.readFailure();
            failures.add(new RunFailure(runName, run.folder().toString(), reason));
            listener.runSkipped(runName, "failed earlier: " + reason + " (--fresh starts the suite again)");
            return;
        }
        if (teacherArm != null && !models.containsKey(teacherArm.name())) {
            String reason = "its teacher " + teacherArm.name() + " (seed " + seed + ") did not finish";
            failures.add(new RunFailure(runName, run.folder().toString(), reason));
            listener.runSkipped(runName, reason);
            return;
        }
        if (stop.requested()) {
            throw new RunInterruptedException("stopped on request before " + runName
                    + "; run the same command again to continue", null);
        }
        try (FolderLock lock = FolderLock.acquire(run.lockFile(), "run folder " + run.folder())) {
            TrainedModel teacher = teacherArm == null ? null : models.get(teacherArm.name()).get();
            TrainedModel model = train(suite, suiteDir, session, arm, seed, spec, run, runName, teacher, results,
                    failures);
            if (model != null) {
                models.put(arm.name(), () -> model);
            }
        }
    }

    /** Trains (or resumes) one run and records its result or failure; returns the model, null when it diverged. */
    private TrainedModel train(SuiteSpec suite, Path suiteDir, TaskSession session, ArmSpec arm, int seed,
                               RunSpec spec, RunFolder run, String runName, TrainedModel teacher,
                               List<RunResult> results, List<RunFailure> failures) {
        String runId = CanonicalJson.sha256(spec);
        long initSeed = suite.seeding().initSeed(arm.role(), seed);
        long dataSeed = suite.seeding().dataSeed(seed);
        run.writeSpec(CanonicalJson.toJson(spec));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("runId", runId);
        facts.put("suite", suite.suite());
        facts.put("arm", arm.name());
        facts.put("seed", seed);
        facts.put("initSeed", initSeed);
        facts.put("dataSeed", dataSeed);
        facts.put("datasetFingerprint", session.datasetFingerprint());
        if (teacher != null) {
            facts.put("teacherArm", arm.teacher());
            facts.put("teacherRunId", CanonicalJson.sha256(RunSpec.of(suite, suite.arm(arm.teacher()), seed)));
            facts.put("teacherFingerprint", teacher.fingerprint());
        }
        ProvenanceLog provenance = ProvenanceLog.begin(run.provenanceFile(), facts);
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
            failures.add(new RunFailure(runName, run.folder().toString(), reason));
            listener.runFailed(runName, reason + "; the epochs before it are in " + run.metricsLog());
            return null;
        } catch (TrainingInterruptedException e) {
            provenance.ended("interrupted");
            throw new RunInterruptedException("run " + runName + " " + e.getMessage()
                    + "; run the same command again to continue from it", e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new RunFailedException("run " + runName + " in " + run.folder() + " stopped: " + e.getMessage()
                    + "; finished runs and the last checkpoint are kept", e);
        }
        run.saveModel(model);
        Map<String, Double> metrics = session.evaluate(model, arm.role(), teacher);
        provenance.finished(model.fingerprint());
        RunResult result = new RunResult(suite.suite(), arm.name(), arm.role().name().toLowerCase(), arm.teacher(),
                seed, runId, session.datasetFingerprint(), model.fingerprint(), model.parameterCount(),
                suite.training().epochs(), provenance.seconds(), metrics);
        run.writeResult(result);
        results.add(result);
        listener.runFinished(runName, metrics);
        return model;
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

    /** Arms without a teacher first, then students, each group in file order. */
    static List<ArmSpec> orderedArms(SuiteSpec suite) {
        List<ArmSpec> ordered = new ArrayList<>();
        suite.arms().stream().filter(a -> a.teacher() == null).forEach(ordered::add);
        suite.arms().stream().filter(a -> a.teacher() != null).forEach(ordered::add);
        return ordered;
    }
}
