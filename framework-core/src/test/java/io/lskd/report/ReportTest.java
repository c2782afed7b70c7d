package io.lskd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.analysis.RunAnalysis;
import io.lskd.run.JsonFiles;
import io.lskd.spec.AnalysisSpec;
import io.lskd.spi.ModelOutputs;
import io.lskd.spi.SplitOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on a suite folder laid out as lskd run writes it, with known per-run figures: its
 * tables are recomputed here from the result.json files, its verdicts checked against the
 * rule, and a missing run must be named.
 */
class ReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Integer> SEEDS = List.of(0, 1, 2);

    @TempDir
    static Path runs;
    private static String markdown;

    /** top-1 per arm and seed; kd-t1-ls minus kd-t1 is +1, -1, +0.5 points: within noise. */
    private static final Map<String, double[]> TOP1 = Map.of(
            "teacher", new double[] {0.80, 0.81, 0.82},
            "teacher-ls", new double[] {0.85, 0.86, 0.87},
            "kd-t1", new double[] {0.70, 0.72, 0.71},
            "kd-t1-ls", new double[] {0.71, 0.71, 0.715},
            "hinton-t4", new double[] {0.70, 0.71, 0.72},
            "hinton-t4-ls", new double[] {0.65, 0.662, 0.67});
    private static final Map<String, double[]> STABILITY = Map.of(
            "teacher", new double[] {0.10, 0.11, 0.125},
            "teacher-ls", new double[] {0.05, 0.06, 0.07});

    @BeforeAll
    static void writeSuiteAndReport() throws Exception {
        Path suite = runs.resolve("s");
        Files.createDirectories(suite);
        String armsJson = """
                [{"name":"teacher","role":"teacher","model":{"type":"m"},"smoother":{"type":"none"},"distiller":{"type":"cross-entropy"}},
                 {"name":"teacher-ls","role":"teacher","model":{"type":"m"},"smoother":{"type":"uniform","alpha":0.1},"distiller":{"type":"cross-entropy"}},
                 {"name":"kd-t1","role":"student","model":{"type":"m"},"smoother":{"type":"none"},"distiller":{"type":"soft-target","temperature":1.0},"teacher":"teacher"},
                 {"name":"kd-t1-ls","role":"student","model":{"type":"m"},"smoother":{"type":"none"},"distiller":{"type":"soft-target","temperature":1.0},"teacher":"teacher-ls"},
                 {"name":"hinton-t4","role":"student","model":{"type":"m"},"smoother":{"type":"none"},"distiller":{"type":"hinton","lambda":1.0,"temperature":4.0},"teacher":"teacher"},
                 {"name":"hinton-t4-ls","role":"student","model":{"type":"m"},"smoother":{"type":"none"},"distiller":{"type":"hinton","lambda":1.0,"temperature":4.0},"teacher":"teacher-ls"}]""";
        Files.writeString(suite.resolve("suite.json"), "{\"suite\":\"s\",\"seeds\":[0,1,2],\"task\":{\"type\":\"vision\","
                + "\"dataset\":\"toy\"},\"variants\":[{\"name\":\"lt\",\"task\":{\"type\":\"vision\",\"dataset\":\"toy\","
                + "\"imbalanceFactor\":10.0}}],\"arms\":" + armsJson + "}");
        JsonNode arms = JSON.readTree(armsJson);
        for (String variant : new String[] {null, "lt"}) {
            for (int seed : SEEDS) {
                for (JsonNode arm : arms) {
                    String name = arm.get("name").asText();
                    if ("lt".equals(variant) && name.equals("kd-t1-ls") && seed == 2) {
                        continue; // the missing run
                    }
                    writeRun(suite, variant, arm, seed);
                }
            }
        }
        Path md = Report.of(runs).write(runs);
        markdown = Files.readString(md);
    }

    private static void writeRun(Path suite, String variant, JsonNode arm, int seed) throws Exception {
        String name = arm.get("name").asText();
        Path dir = (variant == null ? suite : suite.resolve(variant)).resolve(name + "_s" + seed + "_0123456789ab");
        Files.createDirectories(dir);
        Map<String, Object> metrics = new LinkedHashMap<>();
        double shift = variant == null ? 0 : -0.1;
        metrics.put("top1", TOP1.get(name)[seed] + shift);
        metrics.put("nll", 0.5 + seed * 0.01);
        metrics.put("ece", 0.02);
        metrics.put("stability", STABILITY.containsKey(name) ? STABILITY.get(name)[seed] : 0.09);
        if (STABILITY.containsKey(name)) {
            metrics.put("train_stability", STABILITY.get(name)[seed] / 2);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("suite", "s");
        result.put("variant", variant);
        result.put("arm", name);
        result.put("role", arm.get("role").asText());
        result.put("teacher", arm.has("teacher") ? arm.get("teacher").asText() : null);
        result.put("seed", seed);
        result.put("metrics", metrics);
        JsonFiles.write(dir.resolve("result.json"), result);
        JsonFiles.write(dir.resolve("spec.json"), Map.of("arm", arm, "seed", seed));
        for (int epoch = 1; epoch <= 2; epoch++) {
            JsonFiles.appendLine(dir.resolve("metrics.jsonl"), Map.of("epoch", epoch,
                    "train_loss", (name.endsWith("-ls") ? 1.2 : 1.0) / epoch + 0.01 * seed, "test_top1", 0.5));
        }
        boolean teacher = arm.get("role").asText().equals("teacher");
        JsonFiles.write(dir.resolve("analysis.json"), RunAnalysis.of(outputs(seed + name.length()), teacher,
                new AnalysisSpec(List.of("a", "b", "c"), null, 20)));
    }

    /** A random 4-class model's outputs, for the figures. */
    static ModelOutputs outputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] templates = new double[4][4];
        for (double[] row : templates) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return new ModelOutputs(List.of("a", "b", "c", "d"), templates, split(random, templates),
                split(random, templates));
    }

    private static SplitOutputs split(SplittableRandom random, double[][] templates) {
        int n = 40;
        int[] labels = new int[n];
        double[][] x = new double[n][3];
        double[][] z = new double[n][4];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian() + (j == labels[i] % 3 ? 2 : 0);
            }
            for (int c = 0; c < 4; c++) {
                z[i][c] = templates[c][3] + templates[c][0] * x[i][0] + templates[c][1] * x[i][1]
                        + templates[c][2] * x[i][2];
            }
        }
        return new SplitOutputs(labels, z, x);
    }

    @Test
    void tablesEqualMeansAndStdsRecomputedFromTheResultFiles() throws Exception {
        Map<String, Map<String, List<Double>>> byTaskArm = new TreeMap<>();
        try (Stream<Path> files = Files.find(runs.resolve("s"), 3, (p, a) -> p.endsWith("result.json"))) {
            for (Path file : files.toList()) {
                JsonNode r = JSON.readTree(file.toFile());
                String task = r.get("variant").isNull() ? "main" : r.get("variant").asText();
                byTaskArm.computeIfAbsent(task + "/" + r.get("arm").asText(), k -> new TreeMap<>())
                        .computeIfAbsent("top1", k -> new ArrayList<>()).add(r.get("metrics").get("top1").asDouble());
                JsonNode s = r.get("metrics").get("stability");
                byTaskArm.get(task + "/" + r.get("arm").asText()).computeIfAbsent("stability", k -> new ArrayList<>())
                        .add(s.asDouble());
            }
        }
        String mainTable1 = section(markdown, "### Task toy", "**Table 2**");
        for (String teacher : List.of("teacher", "teacher-ls")) {
            Map<String, List<Double>> v = byTaskArm.get("main/" + teacher);
            String row = mainTable1.lines().filter(l -> l.startsWith("| " + teacher + " ") && l.contains(" | 3 "))
                    .findFirst().orElseThrow();
            assertTrue(row.contains(meanStd(v.get("top1"), 100, 2)), row + " vs " + meanStd(v.get("top1"), 100, 2));
            assertTrue(row.contains(meanStd(v.get("stability"), 1, 4)), row);
        }
        String ltTable2 = section(markdown, "### Task lt (toy)", "<details>");
        List<Double> partial = byTaskArm.get("lt/kd-t1-ls").get("top1");
        assertEquals(2, partial.size());
        String row = ltTable2.lines().filter(l -> l.startsWith("| teacher-ls (LS)")).findFirst().orElseThrow();
        assertTrue(row.contains(meanStd(partial, 100, 2)), row);
    }

    @Test
    void verdictsFollowTheRule() {
        // C1: +5 points top-1 on every seed and lower 1-S on every seed: reproduced
        assertTrue(markdown.contains("- **C1** (toy): " + Claims.C1 + " Verdict: **reproduced**"), markdown);
        // C2: differences +1, -1, +0.5 points: mean 0.17, se 0.6: within noise
        assertTrue(markdown.contains("- **C2** (toy): " + Claims.C2 + " Verdict: **within noise**"), markdown);
        // C7: the LS gap falls from +0.17 (T = 1) to about -4.9 points (T = 4) on every seed: reproduced
        assertTrue(markdown.contains("- **C7** (toy): " + Claims.C7 + " Verdict: **reproduced**"), markdown);
        // C3: the loss part is higher with LS on every seed, the accuracy part within noise
        assertTrue(markdown.contains("- **C3** (toy): " + Claims.C3 + " Verdict: **within noise**"), markdown);
        // C6 on the long-tailed variant: only two paired seeds, differences +1 and -1 point
        assertTrue(markdown.contains("- **C6** (lt (toy)): " + Claims.C6 + " Verdict: **within noise**"), markdown);
        assertTrue(markdown.contains("- **C5** (-): " + Claims.C5 + " Verdict: **not run**"), markdown);
    }

    @Test
    void missingRunsAreNamedAndTheHtmlIsSelfContained() throws Exception {
        assertTrue(markdown.contains("**Missing runs** (1; no result.json): lt/kd-t1-ls seed 2."), markdown);
        String html = Files.readString(runs.resolve("report.html"));
        assertTrue(html.contains("<img alt=\"Template-plane projection"), "projection figure embedded");
        assertTrue(html.contains("src=\"data:image/png;base64,iVBOR"), "PNG data embedded");
        assertFalse(html.contains("src=\"figures/"), "no external image reference");
        assertTrue(Files.size(runs.resolve("figures/s-main-projection.png")) > 1000);
        JsonNode numbers = JSON.readTree(runs.resolve("report.json").toFile());
        assertEquals(1, numbers.get("s").get("missing").size());
    }

    static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        assertTrue(start >= 0, "no section " + from);
        int end = text.indexOf(to, start + from.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** Mean ± sample std (ddof 1), computed here independently of the report's code. */
    static String meanStd(List<Double> values, double scale, int decimals) {
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        String p = "%." + decimals + "f";
        return String.format(Locale.ROOT, p + " ± " + p, mean * scale, Math.sqrt(ss / (values.size() - 1)) * scale);
    }
}
