package io.lskd.run;

import io.lskd.config.CanonicalJson;
import io.lskd.config.TypeName;
import io.lskd.graph.TrainingDivergedException;
import io.lskd.plugin.Registry;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.ModelSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import io.lskd.spi.TaskSession;
import io.lskd.spi.TrainedModel;
import io.lskd.spi.TrainingMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Runs a suite in this process: opens the task once (data read and checked before any
 * training), then for each seed trains the teacher arms and then the student arms, writing
 * each run's files under {@code <out>/<suite>/<arm>_s<seed>_<id>/}:
 * spec.json (canonical), metrics.jsonl (one line per epoch, appended as it comes),
 * model.sd and result.json (at the end). A run that diverges stops the suite with a message
 * naming the run, the epoch and the step; what was written stays. An earlier run's suite
 * folder is moved aside first.
 */
public final class SuiteRunner {

    private final Registry registry;
    private final RunListener listener;
    private boolean estimateFirst;

    public SuiteRunner(Registry registry, RunListener listener) {
        this.registry = registry;
        this.listener = listener;
    }

    /**
     * Before training, times a few steps of each distinct model on the suite's data and reports
     * the estimated time of every arm and of the suite ({@link RunListener#estimated}).
     */
    public SuiteRunner estimateFirst() {
        this.estimateFirst = true;
        return this;
    }

    /** Runs every arm for every seed; returns the results in run order. */
    public List<RunResult> run(SuiteSpec suite, Path outDir) throws IOException {
        Path suiteDir = outDir.resolve(suite.suite());
        keepEarlierResults(suiteDir);
        Files.createDirectories(suiteDir);
        JsonFiles.writeText(suiteDir.resolve("suite.json"), CanonicalJson.toJson(suite) + "\n");
        String taskName = suite.task().getClass().getAnnotation(TypeName.class).value();
        TaskSession session = registry.task(taskName).open(suite.task());
        listener.suiteStarted(suite, session.describe(), orderedArms(suite).size() * suite.seeds().size());
        if (estimateFirst) {
            estimate(suite, session);
        }
        List<RunResult> results = new ArrayList<>();
        for (int seed : suite.seeds()) {
            Map<String, TrainedModel> trained = new HashMap<>();
            for (ArmSpec arm : orderedArms(suite)) {
                ArmSpec teacherArm = arm.teacher() == null ? null : suite.arm(arm.teacher());
                RunSpec spec = new RunSpec(suite.suite(), suite.task(), suite.training(), suite.seeding(), arm,
                        teacherArm, seed);
                String runId = CanonicalJson.sha256(spec);
                Path runDir = suiteDir.resolve(arm.name() + "_s" + seed + "_" + runId.substring(0, 12));
                Files.createDirectories(runDir);
                JsonFiles.writeText(runDir.resolve("spec.json"), CanonicalJson.toJson(spec) + "\n");
                Path metricsLog = runDir.resolve("metrics.jsonl");
                Files.deleteIfExists(metricsLog);
                String runName = arm.name() + " (seed " + seed + ")";
                long start = System.nanoTime();
                listener.runStarted(runName, suite.training().epochs(),
                        suite.training().stepsPerEpoch(session.trainSize()));
                TrainedModel teacher = teacherArm == null ? null : trained.get(teacherArm.name());
                TrainedModel model;
                try {
                    model = session.train(arm, suite.training(), suite.seeding().initSeed(arm.role(), seed),
                            suite.seeding().dataSeed(seed), teacher, monitor(runName, metricsLog, start));
                } catch (TrainingDivergedException e) {
                    throw new RunFailedException("run " + runName + " in " + runDir + " stopped: " + e.getMessage()
                            + "; the epochs finished before it are in " + metricsLog, e);
                }
                trained.put(arm.name(), model);
                model.save(runDir.resolve("model.sd"));
                Map<String, Double> metrics = session.evaluate(model, arm.role(), teacher);
                double seconds = (System.nanoTime() - start) / 1e9;
                RunResult result = new RunResult(suite.suite(), arm.name(), arm.role().name().toLowerCase(),
                        arm.teacher(), seed, runId, session.datasetFingerprint(), model.fingerprint(),
                        model.parameterCount(), suite.training().epochs(), seconds, metrics);
                JsonFiles.write(runDir.resolve("result.json"), result);
                results.add(result);
                listener.runFinished(runName, metrics);
            }
        }
        return results;
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

    /** Arms without a teacher first, then students, each group in file order. */
    static List<ArmSpec> orderedArms(SuiteSpec suite) {
        List<ArmSpec> ordered = new ArrayList<>();
        suite.arms().stream().filter(a -> a.teacher() == null).forEach(ordered::add);
        suite.arms().stream().filter(a -> a.teacher() != null).forEach(ordered::add);
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
