package io.lskd.run;

import io.lskd.analysis.RunAnalysis;
import io.lskd.config.CanonicalJson;
import io.lskd.config.TypeName;
import io.lskd.graph.TrainingDivergedException;
import io.lskd.plugin.Registry;
import io.lskd.spec.AnalysisSpec;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.TaskSpec;
import io.lskd.spec.VariantSpec;
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
import java.util.Locale;
import java.util.Map;

/**
 * Runs a suite in this process: opens its main task and every variant's once (data read and
 * checked before any training) and prints a time estimate, then for each task and seed trains
 * the teacher arms and then the student arms, writing each run's files under
 * {@code <out>/<suite>/[<variant>/]<arm>_s<seed>_<id>/}: spec.json (canonical), metrics.jsonl
 * (one line per epoch, appended as it comes), model.sd, analysis.json ({@link RunAnalysis}) and
 * result.json (at the end, so its presence marks a finished run). A run that diverges stops the suite with a message
 * naming the run, the epoch and the step; what was written stays. An earlier run's suite
 * folder is moved aside first.
 */
public final class SuiteRunner {

    private final Registry registry;
    private final RunListener listener;

    public SuiteRunner(Registry registry, RunListener listener) {
        this.registry = registry;
        this.listener = listener;
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
        List<ArmSpec> arms = orderedArms(suite);
        double estimate = 0;
        for (Job job : jobs) {
            for (ArmSpec arm : arms) {
                estimate += job.session().estimatedSeconds(arm, suite.training()) * suite.seeds().size();
            }
        }
        listener.notice(String.format(Locale.ROOT, "%d runs (%d tasks x %d arms x %d seeds); estimated "
                + "training time %s on 2 cores like the reference machine", jobs.size() * arms.size()
                * suite.seeds().size(), jobs.size(), arms.size(), suite.seeds().size(), duration(estimate)));
        String data = jobs.stream().map(j -> (j.variant() == null ? "" : j.variant() + ": ") + j.session().describe())
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        listener.suiteStarted(suite, data, jobs.size() * arms.size() * suite.seeds().size());
        List<RunResult> results = new ArrayList<>();
        for (Job job : jobs) {
            for (int seed : suite.seeds()) {
                Map<String, TrainedModel> trained = new HashMap<>();
                for (ArmSpec arm : arms) {
                    results.add(runOne(suite, job, arm, seed, trained));
                }
            }
        }
        return results;
    }

    private Job open(String variant, TaskSpec task, AnalysisSpec analysis, Path dir) throws IOException {
        String taskName = task.getClass().getAnnotation(TypeName.class).value();
        return new Job(variant, task, analysis, registry.task(taskName).open(task), dir);
    }

    private RunResult runOne(SuiteSpec suite, Job job, ArmSpec arm, int seed, Map<String, TrainedModel> trained)
            throws IOException {
        TaskSession session = job.session();
        ArmSpec teacherArm = arm.teacher() == null ? null : suite.arm(arm.teacher());
        RunSpec spec = new RunSpec(suite.suite(), job.task(), suite.training(), suite.seeding(), arm, teacherArm, seed);
        String runId = CanonicalJson.sha256(spec);
        Path runDir = job.dir().resolve(arm.name() + "_s" + seed + "_" + runId.substring(0, 12));
        Files.createDirectories(runDir);
        JsonFiles.writeText(runDir.resolve("spec.json"), CanonicalJson.toJson(spec) + "\n");
        Path metricsLog = runDir.resolve("metrics.jsonl");
        Files.deleteIfExists(metricsLog);
        String runName = (job.variant() == null ? "" : job.variant() + "/") + arm.name() + " (seed " + seed + ")";
        long start = System.nanoTime();
        listener.runStarted(runName, suite.training().epochs(), suite.training().stepsPerEpoch(session.trainSize()));
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
        JsonFiles.write(runDir.resolve("analysis.json"),
                RunAnalysis.of(session.outputs(model), arm.role() == ArmSpec.Role.TEACHER, job.analysis()));
        double seconds = (System.nanoTime() - start) / 1e9;
        RunResult result = new RunResult(suite.suite(), job.variant(), arm.name(), arm.role().name().toLowerCase(),
                arm.teacher(), seed, runId, session.datasetFingerprint(), model.fingerprint(),
                model.parameterCount(), suite.training().epochs(), seconds, metrics);
        JsonFiles.write(runDir.resolve("result.json"), result);
        listener.runFinished(runName, metrics);
        return result;
    }

    /** "2 h 05 min", "7 min", "40 s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600 + 30) / 60 % 60);
        }
        return s >= 60 ? (s + 30) / 60 + " min" : s + " s";
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
