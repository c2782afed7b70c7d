package io.lskd.run;

import io.lskd.analysis.RunAnalysis;
import io.lskd.config.CanonicalJson;
import io.lskd.graph.TrainingDivergedException;
import io.lskd.graph.TrainingInterruptedException;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.ModelOutputs;
import io.lskd.spi.RunListener;
import io.lskd.spi.SavableState;
import io.lskd.spi.TaskSession;
import io.lskd.spi.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Skips, trains or resumes one planned run in this process and writes its files
 * ({@link RunFolder}): the part of running a suite that is the same whichever executor
 * decided where and when the run trains.
 *
 * <p>A run whose result.json exists is skipped (its model loaded lazily, when a student needs
 * it); a run with failed.json is reported again; a student whose teacher did not finish is
 * skipped; otherwise the run trains under its folder lock, resuming from its newest checkpoint.
 */
final class RunExecution {

    /**
     * What became of a run: its result and (lazily loaded, for a run finished earlier) its model
     * when it finished, its failure when it diverged or its teacher did not finish.
     *
     * @param trainedNow whether this process trained the run (else it finished or failed earlier)
     */
    record Outcome(RunResult result, Supplier<TrainedModel> model, RunFailure failure, boolean trainedNow) {
        static Outcome failed(RunFailure failure, boolean trainedNow) {
            return new Outcome(null, null, failure, trainedNow);
        }

        RunOutcome toRunOutcome(RunRef run) {
            return new RunOutcome(run, result, failure, trainedNow);
        }
    }

    private final RunListener listener;
    private final StopRequest stop;
    private final Map<String, Object> attemptFacts;

    /**
     * @param attemptFacts facts of this attempt recorded in each trained run's provenance.json beside
     *     its environment, e.g. "parallelism" (runs at once, threads per run) or the cluster task
     */
    RunExecution(RunListener listener, StopRequest stop, Map<String, Object> attemptFacts) {
        this.listener = listener;
        this.stop = stop;
        this.attemptFacts = new LinkedHashMap<>(attemptFacts);
    }

    /**
     * What an earlier process left of a run, without training it: its result and lazily loaded
     * model when it finished, else a failure (it diverged, or it has not finished).
     */
    static Outcome earlier(SuiteSpec suite, PlannedRun run) {
        RunFolder folder = run.folder();
        if (folder.isFinished()) {
            long initSeed = suite.seeding().initSeed(run.arm().role(), run.seed());
            return new Outcome(folder.readResult(),
                    memoize(() -> load(run.job().session(), suite, run.arm(), initSeed, folder, run.name())), null,
                    false);
        }
        String reason = folder.hasFailed() ? "failed earlier: " + folder.readFailure() : "has not finished";
        return Outcome.failed(new RunFailure(run.name(), folder.folder().toString(), reason), false);
    }

    /**
     * Skips, trains or resumes {@code run}.
     *
     * @param teacherOutcome what became of the run's teacher run; null for a run without a teacher
     */
    Outcome run(SuiteSpec suite, Path suiteDir, PlannedRun run, Outcome teacherOutcome) {
        RunFolder folder = run.folder();
        String runName = run.name();
        if (folder.isFinished()) {
            listener.runSkipped(runName, "finished earlier: " + folder.folder());
            return earlier(suite, run);
        }
        if (folder.hasFailed()) {
            String reason = folder.readFailure();
            listener.runSkipped(runName, "failed earlier: " + reason + " (--fresh starts the suite again)");
            return Outcome.failed(new RunFailure(runName, folder.folder().toString(), reason), false);
        }
        if (run.teacherArm() != null && teacherOutcome.model() == null) {
            String reason = "its teacher " + run.teacherArm().name() + " (seed " + run.seed() + ") did not finish";
            listener.runSkipped(runName, reason);
            return Outcome.failed(new RunFailure(runName, folder.folder().toString(), reason), false);
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
        attemptFacts.forEach(provenance::attemptFact);
        listener.runStarted(runName, suite.training().epochs(), suite.training().stepsPerEpoch(session.trainSize()));
        RunMonitor monitor = new RunMonitor(runName, run, suiteDir.resolve(SuiteRunner.TEACHER_OUTPUTS), provenance,
                listener, stop);
        TrainedModel model;
        try {
            model = session.train(arm, suite.training(), initSeed, dataSeed, teacher, monitor);
        } catch (TrainingDivergedException e) {
            provenance.ended("diverged");
            String reason = e.getMessage();
            run.writeFailure(runName, runId, e.epoch(), e.step(), reason);
            listener.runFailed(runName, reason + "; the epochs before it are in " + run.metricsLog());
            return Outcome.failed(new RunFailure(runName, run.folder().toString(), reason), true);
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
        return new Outcome(result, () -> model, null, true);
    }

    private static TrainedModel load(TaskSession session, SuiteSpec suite, ArmSpec arm, long initSeed, RunFolder run,
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
}
