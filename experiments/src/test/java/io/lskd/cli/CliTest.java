package io.lskd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: real suites, real data, real files. */
class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A run's exit code and what it printed. */
    record Outcome(int code, String out, String err) {
    }

    static synchronized Outcome lskd(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void suitesListsTheBundledQuickSuite() {
        Outcome r = lskd("suites");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("vision-quick"), r.out());
        assertTrue(r.out().contains("kd-t1-ls"), r.out());
        assertTrue(r.out().contains("nmt-kd") && r.out().contains("seq-kd-ls"), "the translation suite parses:\n" + r.out());
        for (String binary : List.of("binary-kd", "binary-kd-cifar10", "binary-kd-ls", "real-student")) {
            assertTrue(r.out().contains(binary), "the binary suites parse and list their arms: " + binary);
        }
    }

    @Test
    void aBadSuiteIsRejectedWithEveryProblemListedBeforeTraining() throws IOException {
        Path suite = tmp.resolve("bad.json");
        Files.writeString(suite, """
                {"suite": "bad", "seeds": [0],
                 "task": {"type": "vision", "dataset": "fashion-mnist", "trainPerClas": 10},
                 "training": {"epochs": "8", "learningRate": -1},
                 "arms": [
                   {"name": "t", "role": "teacher", "model": {"type": "resnet-smal"},
                    "smoother": {"type": "uniform", "alpha": 1.5}},
                   {"name": "s", "model": {"type": "cnn-small"}, "teacher": "t",
                    "distiller": {"type": "soft-target", "temprature": 1}}]}
                """);
        Outcome r = lskd("run", suite.toString(), "--out", tmp.resolve("runs").toString());
        assertEquals(Main.USAGE_ERROR, r.code());
        for (String expected : List.of("$.task.trainPerClas", "did you mean 'trainPerClass'", "$.training.epochs",
                "$.training.learningRate", "$.arms[0].model.type", "resnet-small", "$.arms[0].smoother.alpha",
                "$.arms[1].distiller.temprature", "did you mean 'temperature'")) {
            assertTrue(r.err().contains(expected), "missing '" + expected + "' in:\n" + r.err());
        }
        assertTrue(Files.notExists(tmp.resolve("runs").resolve("bad")), "nothing may be trained or written");
    }

    @Test
    void aSuiteNamingAMissingTeacherArmIsRejected() throws IOException {
        Path suite = tmp.resolve("orphan.json");
        Files.writeString(suite, """
                {"suite": "orphan", "task": {"type": "vision"},
                 "arms": [{"name": "s", "model": {"type": "cnn-small"}, "teacher": "nobody",
                           "distiller": {"type": "soft-target"}}]}
                """);
        Outcome r = lskd("run", suite.toString(), "--out", tmp.toString());
        assertEquals(Main.USAGE_ERROR, r.code());
        assertTrue(r.err().contains("'nobody'"), r.err());
    }

    @Test
    void aTinySuiteTrainsOnRealDataAndWritesEveryResultFile() throws IOException {
        Path suite = tmp.resolve("tiny.json");
        Files.writeString(suite, """
                {"suite": "tiny", "seeds": [0, 1],
                 "task": {"type": "vision", "dataset": "fashion-mnist", "trainPerClass": 50, "evalBatchSize": 2000,
                          "cropPadding": 2, "horizontalFlip": true},
                 "training": {"epochs": 2, "batchSize": 25, "learningRate": 0.003},
                 "arms": [
                   {"name": "teacher-ls", "role": "teacher", "model": {"type": "resnet-small"},
                    "smoother": {"type": "uniform", "alpha": 0.1}},
                   {"name": "kd", "model": {"type": "cnn-small"}, "teacher": "teacher-ls",
                    "distiller": {"type": "hinton", "temperature": 4, "lambda": 0.5}}]}
                """);
        Path out = tmp.resolve("runs");
        Outcome r = lskd("run", suite.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| teacher-ls") && r.out().contains("| kd "), r.out());
        assertTrue(r.out().contains("±"), "two seeds give mean ± std:\n" + r.out());
        assertTrue(r.err().contains("epoch 2/2 done"), r.err());
        Path suiteDir = out.resolve("tiny");
        assertTrue(Files.isRegularFile(suiteDir.resolve("suite.json")));
        assertTrue(Files.isRegularFile(suiteDir.resolve("summary.md")));
        List<Path> runs;
        try (Stream<Path> s = Files.list(suiteDir)) {
            runs = s.filter(CliTest::isRunFolder).sorted().toList();
        }
        assertEquals(4, runs.size(), runs.toString());
        for (Path run : runs) {
            JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
            JsonNode metrics = result.get("metrics");
            for (String key : List.of("top1", "top5", "nll", "ece", "stability", "confidence")) {
                double v = metrics.get(key).asDouble();
                assertTrue(Double.isFinite(v) && v >= 0, key + " = " + v + " in " + run);
            }
            assertTrue(metrics.get("top1").asDouble() > 0.2, "learns above chance (0.1): " + metrics);
            boolean teacher = result.get("role").asText().equals("teacher");
            assertEquals(teacher, metrics.has("train_stability"), run.toString());
            assertEquals(!teacher, metrics.has("agreement"), run.toString());
            assertEquals(2, Files.readAllLines(run.resolve("metrics.jsonl")).size());
            JsonNode spec = JSON.readTree(run.resolve("spec.json").toFile());
            assertTrue(run.getFileName().toString().endsWith(result.get("runId").asText().substring(0, 12)));
            assertEquals(result.get("seed").asInt(), spec.get("seed").asInt());
            assertTrue(Files.size(run.resolve("model.sd")) > 0);
        }
    }

    /**
     * Runs trained at once share nothing but the teacher they are distilled from, so a suite
     * gives the same results with one run at a time and with two (one native thread each).
     */
    @Test
    void concurrentRunsGiveTheSameResultsAsOneRunAtATime() throws IOException {
        Path suite = tmp.resolve("paired.json");
        Files.writeString(suite, """
                {"suite": "paired", "seeds": [0, 1],
                 "task": {"type": "vision", "trainPerClass": 20, "evalEachEpoch": false},
                 "training": {"epochs": 1, "batchSize": 40},
                 "arms": [
                   {"name": "teacher", "role": "teacher", "model": {"type": "cnn-small"}},
                   {"name": "alone", "model": {"type": "cnn-small"}},
                   {"name": "kd", "model": {"type": "cnn-small"}, "teacher": "teacher",
                    "distiller": {"type": "soft-target", "temperature": 1}}]}
                """);
        Map<String, JsonNode> byRun = new HashMap<>();
        for (String parallel : List.of("1", "2")) {
            Path out = tmp.resolve("runs-" + parallel);
            Outcome r = lskd("run", suite.toString(), "--out", out.toString(), "--parallel", parallel,
                    "--threads", "1");
            assertEquals(0, r.code(), r.err());
            try (Stream<Path> s = Files.list(out.resolve("paired"))) {
                for (Path run : s.filter(CliTest::isRunFolder).toList()) {
                    JsonNode metrics = JSON.readTree(run.resolve("result.json").toFile()).get("metrics");
                    JsonNode earlier = byRun.putIfAbsent(run.getFileName().toString(), metrics);
                    if (earlier != null) {
                        assertEquals(earlier, metrics, run.getFileName().toString());
                    }
                }
            }
        }
        assertEquals(6, byRun.size(), byRun.keySet().toString());
    }

    /** Every smoother and distiller of the zoo by its suite name, in one tiny suite on real data. */
    @Test
    void everyZooComponentIsReachableByNameFromASuite() throws IOException {
        Path suite = tmp.resolve("zoo.json");
        Files.writeString(suite, """
                {"suite": "zoo", "task": {"type": "vision", "trainPerClass": 20, "evalEachEpoch": false},
                 "training": {"epochs": 2, "batchSize": 50, "learningRate": 0.003},
                 "arms": [
                   {"name": "t", "role": "teacher", "model": {"type": "cnn-small"}},
                   {"name": "online", "model": {"type": "cnn-small"}, "smoother": {"type": "online"}},
                   {"name": "tfkd-reg", "model": {"type": "cnn-small"}, "smoother": {"type": "tf-kd-reg"}},
                   {"name": "maxsup", "model": {"type": "cnn-small"}, "smoother": {"type": "maxsup"}},
                   {"name": "cp", "model": {"type": "cnn-small"}, "smoother": {"type": "confidence-penalty"}},
                   {"name": "dkd", "model": {"type": "cnn-small"}, "teacher": "t", "distiller": {"type": "dkd"}},
                   {"name": "dist", "model": {"type": "cnn-small"}, "teacher": "t", "distiller": {"type": "dist"}},
                   {"name": "self", "model": {"type": "cnn-small"}, "teacher": "online",
                    "distiller": {"type": "tf-kd-self"}},
                   {"name": "sum", "model": {"type": "cnn-small"}, "teacher": "t", "smoother": {"type": "maxsup"},
                    "distiller": {"type": "weighted-sum", "terms": {
                      "hard": {"weight": 0.5, "distiller": {"type": "cross-entropy"}},
                      "dkd": {"weight": 0.5, "distiller": {"type": "dkd", "ceWeight": 0}}}}}]}
                """);
        Path out = tmp.resolve("runs");
        Outcome r = lskd("run", suite.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, Path> runs = new HashMap<>();
        try (Stream<Path> s = Files.list(out.resolve("zoo"))) {
            s.filter(CliTest::isRunFolder).forEach(p -> runs.put(p.getFileName().toString().replaceAll("_s0_.*", ""), p));
        }
        assertEquals(9, runs.size(), runs.toString());
        for (Path run : runs.values()) {
            double top1 = JSON.readTree(run.resolve("result.json").toFile()).get("metrics").get("top1").asDouble();
            assertTrue(Double.isFinite(top1) && top1 > 0.1, run + ": top1 " + top1);
        }
        JsonNode state = JSON.readTree(runs.get("online").resolve("smoother-state.json").toFile());
        assertEquals(2, state.get("epochs").asInt(), "S rebuilt after each of the 2 epochs: " + state);
        assertEquals(10, state.get("soft").size());
        assertTrue(Files.notExists(runs.get("dkd").resolve("smoother-state.json")), "only adaptive smoothers have state");
        JsonNode dkd = JSON.readTree(Files.readAllLines(runs.get("dkd").resolve("metrics.jsonl")).get(1));
        assertEquals(dkd.get("train_loss").asDouble(), dkd.get("train_ce").asDouble() + dkd.get("train_tckd").asDouble()
                + dkd.get("train_nckd").asDouble(), 1e-4 * dkd.get("train_loss").asDouble(), dkd.toString());
        JsonNode sum = JSON.readTree(Files.readAllLines(runs.get("sum").resolve("metrics.jsonl")).get(0));
        for (String term : List.of("train_hard", "train_dkd.ce", "train_dkd.tckd", "train_dkd.nckd", "train_maxsup")) {
            assertTrue(sum.has(term), term + " missing: " + sum);
        }
        assertTrue(!JSON.readTree(Files.readAllLines(runs.get("online").resolve("metrics.jsonl")).get(0))
                .has("train_ce"), "a one-term loss logs train_loss only");
    }

    @Test
    void selfDistillationFromAnotherArchitectureIsRejected() throws IOException {
        Path suite = tmp.resolve("self.json");
        Files.writeString(suite, """
                {"suite": "self", "task": {"type": "vision"},
                 "arms": [{"name": "big", "model": {"type": "resnet-small"}},
                          {"name": "s", "model": {"type": "cnn-small"}, "teacher": "big",
                           "distiller": {"type": "tf-kd-self"}}]}
                """);
        Outcome r = lskd("run", suite.toString(), "--out", tmp.toString());
        assertEquals(Main.USAGE_ERROR, r.code());
        assertTrue(r.err().contains("arm 's' uses self-distillation ('tf-kd-self'), so its teacher 'big' must have the"
                + " same model"), r.err());
    }

    @Test
    void pluginsListsEveryComponentByKindWithItsParameters() {
        Outcome r = lskd("plugins");
        assertEquals(0, r.code(), r.err());
        for (String expected : List.of("smoothers:", "distillers:", "tasks:", "models:",
                "  online: Online LS", "  tf-kd-reg: Tf-KD reg", "  maxsup: MaxSup", "  confidence-penalty: Confidence",
                "  dkd: Decoupled KD", "  dist: DIST", "  tf-kd-self: Tf-KD self", "  weighted-sum: Weighted sum",
                "beta (Double, default 8.0, in [0, inf))", "terms (Map<String, WeightedTermSpec>, required)",
                "correctProbability (Double, default 0.99, in (0, 1))")) {
            assertTrue(r.out().contains(expected), "missing '" + expected + "' in:\n" + r.out());
        }
    }

    @Test
    void theZooSuiteIsBundledAndValid() {
        Outcome r = lskd("suites");
        assertEquals(0, r.code(), r.err());
        for (String arm : List.of("vision-zoo", "student-online", "dkd-ls", "dist-ls", "weighted", "tf-kd-self")) {
            assertTrue(r.out().contains(arm), arm + " missing in:\n" + r.out());
        }
    }

    @Test
    void aSuiteWithAVariantWritesAnalysesAndTheReportReadsThem() throws IOException {
        Path suite = tmp.resolve("paper.json");
        Files.writeString(suite, """
                {"suite": "paper", "seeds": [0],
                 "task": {"type": "vision", "trainPerClass": 20, "testPerClass": 30, "evalBatchSize": 500},
                 "training": {"epochs": 1, "batchSize": 50},
                 "analysis": {"projectionClasses": ["Shirt", "T-shirt/top", "Sneaker"], "pointsPerClass": 10},
                 "variants": [{"name": "classes-5", "task": {"type": "vision", "classes": 5, "trainPerClass": 20,
                               "testPerClass": 30, "imbalanceFactor": 4},
                               "analysis": {"projectionClasses": ["Pullover", "Coat", "Trouser"]}}],
                 "arms": [
                   {"name": "teacher", "role": "teacher", "model": {"type": "resnet-small"}},
                   {"name": "teacher-ls", "role": "teacher", "model": {"type": "resnet-small"},
                    "smoother": {"type": "uniform", "alpha": 0.1}},
                   {"name": "kd", "model": {"type": "cnn-small"}, "teacher": "teacher", "distiller": {"type": "soft-target"}},
                   {"name": "kd-ls", "model": {"type": "cnn-small"}, "teacher": "teacher-ls",
                    "distiller": {"type": "soft-target"}}]}
                """);
        Path out = tmp.resolve("runs");
        Outcome r = lskd("run", suite.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("8 runs (2 tasks x 4 arms x seeds [0])") && r.err().contains("for the whole suite"),
                r.err());
        Path variantDir = out.resolve("paper").resolve("classes-5");
        List<Path> runs;
        try (Stream<Path> s = Files.list(variantDir)) {
            runs = s.filter(CliTest::isRunFolder).sorted().toList();
        }
        assertEquals(4, runs.size(), runs.toString());
        JsonNode teacher = JSON.readTree(runs.stream().filter(p -> p.getFileName().toString().startsWith("teacher_"))
                .findFirst().orElseThrow().resolve("analysis.json").toFile());
        assertEquals(5, teacher.get("classNames").size());
        assertEquals(10, teacher.get("projection").get("train").get("points").get(0).size());
        assertEquals(4, teacher.get("diffusion").size());
        JsonNode result = JSON.readTree(runs.get(0).resolve("result.json").toFile());
        assertEquals("classes-5", result.get("variant").asText());

        Outcome report = lskd("report", out.toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("paper C1 fashion-mnist: too few seeds"), report.out());
        Path html = out.resolve("report.html");
        assertTrue(Files.readString(html).contains("data:image/png;base64,"), "figures embedded");
        assertTrue(Files.readString(out.resolve("report.md")).contains("All runs of the suite finished."));
        Outcome none = lskd("report", tmp.resolve("nothing").toString());
        assertEquals(Main.USAGE_ERROR, none.code());
        assertTrue(none.err().contains("no suite folder"), none.err());
    }

    @Test
    void aReRunSkipsFinishedRunsARedefinedSuiteIsRefusedAndFreshMovesResultsAside() throws IOException {
        Path suite = tmp.resolve("again.json");
        String definition = """
                {"suite": "again",
                 "task": {"type": "vision", "trainPerClass": 5, "evalEachEpoch": false},
                 "training": {"epochs": EPOCHS, "batchSize": 50},
                 "arms": [{"name": "student", "model": {"type": "cnn-small"}}]}
                """;
        Files.writeString(suite, definition.replace("EPOCHS", "1"));
        Path out = tmp.resolve("runs");
        Outcome first = lskd("run", suite.toString(), "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        Path result = onlyRun(out.resolve("again")).resolve("result.json");
        String firstResult = Files.readString(result);

        Outcome second = lskd("run", suite.toString(), "--out", out.toString(), "--resume");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains("finished earlier"), second.err());
        assertEquals(firstResult, Files.readString(result), "a finished run is neither trained nor written again");
        assertEquals(first.out().lines().filter(l -> l.startsWith("|")).toList(),
                second.out().lines().filter(l -> l.startsWith("|")).toList(), "the same table");

        Files.writeString(suite, definition.replace("EPOCHS", "2"));
        Outcome changed = lskd("run", suite.toString(), "--out", out.toString());
        assertEquals(Main.USAGE_ERROR, changed.code());
        assertTrue(changed.err().contains("$.training.epochs: 1 before, 2 now") && changed.err().contains("--fresh"),
                changed.err());
        assertEquals(firstResult, Files.readString(result));

        Outcome fresh = lskd("run", suite.toString(), "--out", out.toString(), "--fresh");
        assertEquals(0, fresh.code(), fresh.err());
        assertTrue(fresh.err().contains("moved to"), fresh.err());
        try (Stream<Path> s = Files.list(out)) {
            List<Path> kept = s.filter(p -> p.getFileName().toString().startsWith("again-before-")).toList();
            assertEquals(1, kept.size());
            assertEquals(firstResult, Files.readString(onlyRun(kept.get(0)).resolve("result.json")));
        }
    }

    @Test
    void aFinishedRunHasProvenanceAndReproducesToTheLastBit() throws IOException {
        Path suite = tmp.resolve("repro.json");
        Files.writeString(suite, """
                {"suite": "repro", "seeds": [3],
                 "task": {"type": "vision", "trainPerClass": 10, "evalBatchSize": 2000},
                 "training": {"epochs": 2, "batchSize": 50, "checkpointSteps": 1},
                 "arms": [{"name": "t", "role": "teacher", "model": {"type": "cnn-small"}},
                          {"name": "kd", "model": {"type": "cnn-small"}, "teacher": "t",
                           "distiller": {"type": "soft-target"}}]}
                """);
        Path out = tmp.resolve("runs");
        assertEquals(0, lskd("run", suite.toString(), "--out", out.toString()).code());
        Path student;
        try (Stream<Path> s = Files.list(out.resolve("repro"))) {
            student = s.filter(p -> p.getFileName().toString().startsWith("kd_s3_")).findFirst().orElseThrow();
        }
        JsonNode provenance = JSON.readTree(student.resolve("provenance.json").toFile());
        for (String key : List.of("runId", "seed", "initSeed", "dataSeed", "datasetFingerprint", "teacherFingerprint",
                "started", "finished", "modelFingerprint")) {
            assertTrue(provenance.hasNonNull(key), "provenance lacks " + key + ": " + provenance);
        }
        JsonNode environment = provenance.path("attempts").get(0).path("environment");
        for (String path : List.of("/lskd/version", "/lskd/commit", "/lskd/dirty", "/nd4j/version", "/nd4j/backend",
                "/nd4j/nativeVariant", "/java/version", "/os/name", "/cpu/model", "/threads/OMP_NUM_THREADS")) {
            assertTrue(!environment.at(path).isMissingNode() && !environment.at(path).asText().isEmpty(),
                    "provenance lacks " + path + ": " + environment);
        }
        assertEquals(64, provenance.get("teacherFingerprint").asText().length());
        try (Stream<Path> s = Files.list(student.resolve("checkpoints"))) {
            assertEquals(2, s.count(), "the last two checkpoints are kept");
        }

        Outcome again = lskd("reproduce", student.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("identical: every metric equals the original to the last bit"), again.out());
        assertTrue(again.out().contains("model parameters identical"), again.out());
    }

    @Test
    void aDivergingRunFailsNamingEpochAndStepAndTheSuiteGoesOn() throws IOException {
        Path suite = tmp.resolve("diverge.json");
        Files.writeString(suite, """
                {"suite": "diverge",
                 "task": {"type": "vision", "trainPerClass": 20, "evalEachEpoch": false},
                 "training": {"epochs": 3, "batchSize": 20, "learningRate": 1e30, "schedule": "constant"},
                 "arms": [{"name": "teacher", "role": "teacher", "model": {"type": "cnn-small"}},
                          {"name": "kd", "model": {"type": "cnn-small"}, "teacher": "teacher",
                           "distiller": {"type": "soft-target"}},
                          {"name": "student", "model": {"type": "cnn-small"}}]}
                """);
        Path out = tmp.resolve("runs");
        Outcome r = lskd("run", suite.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("teacher (seed 0) FAILED") && r.err().contains("at epoch 1, step"), r.err());
        assertTrue(r.err().contains("kd (seed 0): its teacher teacher (seed 0) did not finish"), r.err());
        assertTrue(r.err().contains("student (seed 0) FAILED"), "the suite went on to the next run:\n" + r.err());
        assertTrue(r.err().contains("3 run(s) did not finish"), r.err());
        assertTrue(Files.isRegularFile(out.resolve("diverge/suite.json")));
        try (Stream<Path> s = Files.list(out.resolve("diverge"))) {
            Path teacher = s.filter(p -> p.getFileName().toString().startsWith("teacher_")).findFirst().orElseThrow();
            JsonNode failure = JSON.readTree(teacher.resolve("failed.json").toFile());
            assertEquals(1, failure.get("epoch").asInt());
        }
        Outcome again = lskd("run", suite.toString(), "--out", out.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("failed earlier"), "a diverged run is not trained again:\n" + again.err());
    }

    @Test
    void anUnwritableResultsFolderIsNamed() throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("plain-file"), "x");
        Path suite = tmp.resolve("w.json");
        Files.writeString(suite, """
                {"suite": "w", "task": {"type": "vision", "trainPerClass": 5},
                 "arms": [{"name": "student", "model": {"type": "cnn-small"}}]}
                """);
        Outcome r = lskd("run", suite.toString(), "--out", notAFolder.resolve("runs").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(notAFolder.resolve("runs").toString()), r.err());
    }

    /** A run's folder, not the suite's teacher-outputs/ cache or a variant's folder. */
    static boolean isRunFolder(Path p) {
        return Files.isRegularFile(p.resolve("spec.json"));
    }

    static Path onlyRun(Path suiteDir) throws IOException {
        try (Stream<Path> s = Files.list(suiteDir)) {
            List<Path> runs = s.filter(CliTest::isRunFolder).toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }

    @Test
    void aCorruptDataFileIsNamedWithItsProblem() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data/fashion-mnist"));
        for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.write(dir.resolve(name), new byte[] {0, 0, 9, 9, 0, 0, 0, 1});
        }
        Outcome r = lskd("run", "vision-quick", "--out", tmp.resolve("runs").toString(), "--data-dir",
                tmp.resolve("data").toString());
        assertEquals(Main.USAGE_ERROR, r.code());
        assertTrue(r.err().contains("train-images-idx3-ubyte"), r.err());
        assertTrue(r.err().toLowerCase().contains("magic"), r.err());
    }

    @Test
    void metricsFromFilesMatchHandComputedValues() throws IOException {
        Path probs = tmp.resolve("p.csv");
        Path labels = tmp.resolve("l.csv");
        Files.writeString(probs, "p0,p1\n0.9,0.1\n0.2,0.8\n0.6,0.4\n0.3,0.7\n");
        Files.writeString(labels, "0\n1\n1\n1\n");
        Outcome r = lskd("metrics", "--probs", probs.toString(), "--labels", labels.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode m = JSON.readTree(r.out());
        assertEquals(0.75, m.get("top1").asDouble(), 1e-12);
        double nll = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.7)) / 4;
        assertEquals(nll, m.get("nll").asDouble(), 1e-12);
        // class 0: one sample -> variance 0; class 1: rows (.2,.8), (.6,.4), (.3,.7), mean (11/30, 19/30):
        // squared distances 1/18, 49/450, 2/225 -> mean 13/225; 1-S = (0 + 13/225) / 2 = 13/450
        assertEquals(13.0 / 450, m.get("stability").asDouble(), 1e-12);
        assertEquals(0.75, m.get("confidence").asDouble(), 1e-12);
    }
}
