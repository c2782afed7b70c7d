package io.lskd.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lskd.cli.Main;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.spec.SuiteSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;

/**
 * The tiny suite of real data that the Spark tests train (a BN ResNet teacher with LS, a student
 * alone and a Hinton-distilled student; 200 Fashion-MNIST training and 500 test images, 2 epochs,
 * a checkpoint every 2 steps), its results from the in-process executor (trained once per test
 * JVM), and the comparison of two suite folders.
 */
final class TinySuite {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUITE = """
            {"suite": "tiny", "seeds": [0],
             "task": {"type": "vision", "trainPerClass": 20, "testPerClass": 50},
             "training": {"epochs": 2, "batchSize": 50, "checkpointSteps": 2},
             "arms": [{"name": "teacher", "role": "teacher", "model": {"type": "resnet-small"},
                       "smoother": {"type": "uniform", "alpha": 0.1}},
                      {"name": "alone", "model": {"type": "cnn-small"}},
                      {"name": "kd", "model": {"type": "cnn-small"}, "teacher": "teacher",
                       "distiller": {"type": "hinton", "temperature": 4, "lambda": 1}}]}
            """;
    /** Spark settings of every test: no web UI, no more than the test JVM needs. */
    static final List<String> QUIET_SPARK = List.of("--conf", "spark.ui.enabled=false");

    private static Path folder;
    private static boolean trained;

    private TinySuite() {
    }

    /** A folder of this test JVM holding tiny.json, removed when the JVM ends. */
    static synchronized Path folder() {
        if (folder == null) {
            try {
                Path dir = Files.createTempDirectory("lskd-tiny-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                Files.writeString(dir.resolve("tiny.json"), SUITE);
                folder = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }

    static Path suiteFile() {
        return folder().resolve("tiny.json");
    }

    /**
     * The in-process executor's results folder (its suite folder is tiny/ inside), trained on
     * first use: two runs at once, one native thread each.
     */
    static synchronized Path reference() {
        Path out = folder().resolve("in-process");
        if (!trained) {
            Outcome r = lskd("run", suiteFile().toString(), "--out", out.toString(), "--parallel", "2", "--threads",
                    "1");
            assertEquals(0, r.code(), r.err());
            trained = true;
        }
        return out;
    }

    static SuiteSpec spec() {
        return registry().reader().read(SUITE, SuiteSpec.class);
    }

    static Registry registry() {
        return Registry.discover(TinySuite.class.getClassLoader(), new Workspace(null));
    }

    /** A Spark configuration for a local master on the loopback, without web UI. */
    static SparkConf localSpark(String master) {
        return new SparkConf().setMaster(master).setAppName("lskd-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    }

    /**
     * The two suite folders hold the same result files (summaries, lock files and Hadoop's
     * checksum files aside), and every file that the runs' maths decides is identical:
     * result.json but its seconds, metrics.jsonl but each line's seconds, spec.json, suite.json,
     * analysis.json, the teacher-output cache, and the model fingerprints recorded in
     * provenance.json (its times and environments differ by nature).
     */
    static void assertSameResults(Path expected, Path actual) throws IOException {
        assertEquals(files(expected).keySet(), files(actual).keySet());
        for (Map.Entry<String, Path> e : files(expected).entrySet()) {
            String name = e.getKey();
            Path a = e.getValue();
            Path b = actual.resolve(name);
            if (name.endsWith("result.json")) {
                assertEquals(without(JSON.readTree(a.toFile()), "seconds"), without(JSON.readTree(b.toFile()), "seconds"),
                        name);
            } else if (name.endsWith("metrics.jsonl")) {
                assertEquals(epochLines(a), epochLines(b), name);
            } else if (name.endsWith("provenance.json")) {
                for (String key : List.of("runId", "modelFingerprint", "teacherFingerprint", "datasetFingerprint")) {
                    assertEquals(JSON.readTree(a.toFile()).get(key), JSON.readTree(b.toFile()).get(key), name + " " + key);
                }
            } else if (name.endsWith(".json") || name.endsWith(".logits")) {
                assertEquals(-1L, Files.mismatch(a, b), name + " differs");
            }
        }
    }

    /**
     * The result files of a suite folder by name: summary.md and summary.json are the command
     * line's, not the runner's (compared on their own); lock files are the operating system's
     * locks of a local folder; .crc files are Hadoop's checksums beside files it wrote to a disk.
     */
    static Map<String, Path> files(Path root) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String file = p.getFileName().toString();
                if (!file.startsWith("summary.") && !file.endsWith(".lock") && !file.endsWith(".crc")) {
                    out.put(root.relativize(p).toString(), p);
                }
            });
        }
        return out;
    }

    static Map<String, Path> runFolders(Path suiteDir) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(suiteDir)) {
            s.filter(p -> Files.isRegularFile(p.resolve("spec.json")))
                    .forEach(p -> out.put(p.getFileName().toString().replaceFirst("_s0_.*", ""), p));
        }
        return out;
    }

    static JsonNode provenance(Path run) throws IOException {
        return JSON.readTree(run.resolve("provenance.json").toFile());
    }

    private static JsonNode without(JsonNode node, String key) {
        ObjectNode copy = node.deepCopy();
        copy.remove(key);
        return copy;
    }

    private static List<JsonNode> epochLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(without(JSON.readTree(line), "seconds"));
        }
        return lines;
    }

    record Outcome(int code, String out, String err) {
    }

    /** {@code lskd ARGS} in this JVM, with what it printed. */
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

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not remove the test folder " + dir + ": " + e.getMessage());
        }
    }
}
