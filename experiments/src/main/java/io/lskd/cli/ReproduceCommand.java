package io.lskd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.config.CanonicalJson;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.run.Environment;
import io.lskd.run.Parallelism;
import io.lskd.run.ResumeMode;
import io.lskd.run.RunResult;
import io.lskd.run.RunSpec;
import io.lskd.run.StopRequest;
import io.lskd.run.SuiteOutcome;
import io.lskd.run.SuiteRunner;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lskd reproduce <run dir>}: trains the run again from its spec.json (a student's
 * teacher too, from the teacher arm its spec holds), then compares every final metric with the
 * run's result.json and lists what differs in the environment (provenance.json).
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Train a finished run again from its spec.json (and its teacher, for a student) and report"
                + " every metric that differs from its result.json.",
                "Exit code 0 when every metric is identical, 1 when any differs."})
final class ReproduceCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder: <out>/<suite>/<arm>_s<seed>_<id>/")
    Path runDir;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the reproduction's suite folder goes (default: RUN_DIR/reproduce)")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where data sets live (else $LSKD_DATA, system locations, then the bundled samples)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Path specFile = runDir.resolve("spec.json");
        Path resultFile = runDir.resolve("result.json");
        if (!Files.isRegularFile(specFile)) {
            throw new IllegalArgumentException(runDir + " is not a run folder: it has no spec.json");
        }
        if (!Files.isRegularFile(resultFile)) {
            throw new IllegalArgumentException(runDir + " has no result.json (the run has not finished), so there is"
                    + " nothing to compare with; finish it first with 'lskd run'");
        }
        Registry registry = Registry.discover(ReproduceCommand.class.getClassLoader(), new Workspace(dataDir));
        RunSpec spec = registry.reader().read(specFile, RunSpec.class);
        RunResult original = JSON.readValue(resultFile.toFile(), RunResult.class);
        List<ArmSpec> arms = new ArrayList<>();
        if (spec.teacher() != null) {
            arms.add(spec.teacher());
        }
        arms.add(spec.arm());
        SuiteSpec suite = new SuiteSpec(spec.suite(), "reproduction of " + runDir.toAbsolutePath(),
                List.of(spec.seed()), spec.seeding(), spec.task(), spec.training(), arms, List.of(), null);
        String runId = CanonicalJson.sha256(RunSpec.of(suite, spec.arm(), spec.seed()));
        if (!runId.equals(original.runId())) {
            throw new IllegalStateException("the spec in " + specFile + " gives run id " + runId + " but result.json"
                    + " says " + original.runId() + "; the folder's files do not belong together");
        }
        Path target = out != null ? out : runDir.resolve("reproduce");
        // the same threads per run as the original's last attempt, since the thread count changes the bits
        int threads = originalThreads(runDir.resolve("provenance.json"));
        Parallelism parallelism = threads > 0 ? new Parallelism(1, threads)
                : Parallelism.sequential(Runtime.getRuntime().availableProcessors());
        System.err.printf("reproducing with %d native thread(s)%n", parallelism.threadsPerRun());
        SuiteOutcome outcome;
        StopRequest stop = new StopRequest();
        try (Interrupts interrupts = Interrupts.install(stop, System.err)) {
            outcome = new SuiteRunner(registry, new ConsoleProgress(System.err), parallelism, stop).run(suite, target,
                    ResumeMode.FRESH);
        }
        RunResult again = outcome.results().stream().filter(r -> r.arm().equals(spec.arm().name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the reproduction did not finish: "
                        + outcome.failures()));
        int differences = compare("run " + original.arm() + " (seed " + original.seed() + "), id "
                + original.runId().substring(0, 12), original.metrics(), again.metrics());
        if (!original.modelFingerprint().equals(again.modelFingerprint())) {
            System.out.println("model parameters differ (SHA-256 " + original.modelFingerprint().substring(0, 12)
                    + " before, " + again.modelFingerprint().substring(0, 12) + " now)");
        } else {
            System.out.println("model parameters identical (SHA-256 " + again.modelFingerprint().substring(0, 12)
                    + ")");
        }
        environmentDifferences(runDir.resolve("provenance.json"));
        System.out.println("reproduction: " + target.resolve(suite.suite()).toAbsolutePath());
        System.out.println(differences == 0 ? "identical: every metric equals the original to the last bit"
                : differences + " metric(s) differ");
        return differences == 0 ? 0 : 1;
    }

    /** Threads per run of the original's last attempt, from its provenance.json; 0 when not recorded. */
    private static int originalThreads(Path provenanceFile) throws IOException {
        if (!Files.isRegularFile(provenanceFile)) {
            return 0;
        }
        JsonNode attempts = JSON.readTree(provenanceFile.toFile()).path("attempts");
        if (!attempts.isArray() || attempts.isEmpty()) {
            return 0;
        }
        return attempts.get(attempts.size() - 1).path("parallelism").path("threadsPerRun").asInt(0);
    }

    /** Prints a metric table; returns how many metrics differ. */
    private static int compare(String title, Map<String, Double> original, Map<String, Double> again) {
        System.out.println();
        System.out.println(title + ":");
        System.out.printf(Locale.ROOT, "| %-16s | %-22s | %-22s | %-10s |%n", "metric", "original", "reproduced",
                "difference");
        System.out.println("|" + "-".repeat(18) + "|" + "-".repeat(24) + "|" + "-".repeat(24) + "|" + "-".repeat(12)
                + "|");
        int differences = 0;
        TreeSet<String> keys = new TreeSet<>(original.keySet());
        keys.addAll(again.keySet());
        for (String key : keys) {
            Double a = original.get(key);
            Double b = again.get(key);
            boolean same = a != null && a.equals(b);
            differences += same ? 0 : 1;
            String diff = same ? "0" : a == null || b == null ? "missing"
                    : String.format(Locale.ROOT, "%.3e", b - a);
            System.out.printf(Locale.ROOT, "| %-16s | %-22s | %-22s | %-10s |%n", key, a, b, diff);
        }
        return differences;
    }

    /** The environment of the original's last attempt against this process's, key by key. */
    private static void environmentDifferences(Path provenanceFile) throws IOException {
        if (!Files.isRegularFile(provenanceFile)) {
            System.out.println("(the original run has no provenance.json to compare environments with)");
            return;
        }
        JsonNode attempts = JSON.readTree(provenanceFile.toFile()).path("attempts");
        if (!attempts.isArray() || attempts.isEmpty()) {
            return;
        }
        Map<String, String> before = flatten("", attempts.get(attempts.size() - 1).path("environment"));
        Map<String, String> now = flatten("", JSON.valueToTree(Environment.describe()));
        List<String> changed = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(before.get(key), now.get(key))) {
                changed.add("  " + key + ": " + before.get(key) + " -> " + now.get(key));
            }
        }
        System.out.println(changed.isEmpty() ? "environment: identical to the original's"
                : "environment differences (the same thread count and backend are needed for identical bits):");
        changed.forEach(System.out::println);
    }

    private static Map<String, String> flatten(String prefix, JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> out.putAll(flatten(prefix + e.getKey() + ".", e.getValue())));
        } else if (!node.isMissingNode()) {
            out.put(prefix.substring(0, prefix.length() - 1), node.asText());
        }
        return out;
    }
}
