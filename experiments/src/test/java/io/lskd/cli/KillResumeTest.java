package io.lskd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lskd.files.ArrayFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of issue 7 on a tiny suite: lskd processes killed with kill -9 at random moments
 * (and once stopped as by Ctrl-C), each time started again on the same folder, finish every
 * run with no corrupt file and with final metrics, per-epoch figures and model parameters equal
 * to the last bit to those of a run that was never interrupted. A second process on the folder
 * of a running one refuses. experiments/scripts/kill-resume.sh does the same at scale.
 */
@Tag("slow")
class KillResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUITE = """
            {"suite": "kill", "seeds": [0],
             "task": {"type": "vision", "trainPerClass": 20, "evalBatchSize": 2000},
             "training": {"epochs": 2, "batchSize": 50, "checkpointSteps": 1},
             "arms": [{"name": "teacher", "role": "teacher", "model": {"type": "resnet-small"},
                       "smoother": {"type": "uniform", "alpha": 0.1}},
                      {"name": "kd", "model": {"type": "cnn-small"}, "teacher": "teacher",
                       "distiller": {"type": "hinton", "temperature": 4, "lambda": 1}}]}
            """;

    @TempDir
    Path tmp;

    @Test
    void aSuiteKilledAtRandomMomentsFinishesWithTheUninterruptedRunsBits() throws Exception {
        Path suite = Files.writeString(tmp.resolve("kill.json"), SUITE);
        Path reference = tmp.resolve("reference");
        CliTest.Outcome uninterrupted = CliTest.lskd("run", suite.toString(), "--out", reference.toString());
        assertEquals(0, uninterrupted.code(), uninterrupted.err());

        Path out = tmp.resolve("killed");
        SplittableRandom random = new SplittableRandom(20_261_130);
        int kills = 0;
        boolean interrupted = false;
        boolean refused = false;
        // Every stop comes after the attempt's first new checkpoint, so it lands while the suite
        // trains or evaluates whatever the machine's load (timed stops alone once all fell after
        // the suite had finished, or before any run had started).
        for (int attempt = 0; attempt < 6; attempt++) {
            Path log = tmp.resolve("attempt-" + attempt + ".log");
            Process child = lskdProcess(suite, out, log);
            boolean training = waitForNewCheckpoint(out, checkpoints(out), child);
            if (training && attempt == 0) {
                // Ctrl-C at the teacher's first checkpoint (step 1 of 8): it stops at the next step.
                // Sent as SIGTERM, which lskd handles alike (Interrupts): a build started as a
                // background job inherits SIGINT ignored (POSIX), and the JVM then leaves it ignored.
                new ProcessBuilder("kill", "-TERM", String.valueOf(child.pid())).start().waitFor();
                int code = child.waitFor();
                String err = Files.readString(log);
                assertEquals(Interrupts.EXIT_CODE, code, err);
                interrupted = err.contains("a checkpoint was written there");
                assertTrue(interrupted, "Ctrl-C within a run wrote no checkpoint:\n" + err);
            } else if (training) {
                if (!refused) {
                    Process second = lskdProcess(suite, out, tmp.resolve("second.log"));
                    assertEquals(Main.FOLDER_IN_USE, second.waitFor());
                    String err = Files.readString(tmp.resolve("second.log"));
                    assertTrue(err.contains("is in use by another lskd process"), err);
                    refused = true;
                }
                // kill -9 at a random moment after the checkpoint: mid-step, mid-write or mid-evaluation
                if (!child.waitFor(random.nextLong(0, 1_500), TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly().waitFor();
                    kills++;
                }
            }
            child.waitFor();
            assertNothingCorrupt(out.resolve("kill"));
            if (child.exitValue() == 0) {
                break;
            }
        }
        Process last = lskdProcess(suite, out, tmp.resolve("last.log"));
        assertEquals(0, last.waitFor(), Files.readString(tmp.resolve("last.log")));
        assertNothingCorrupt(out.resolve("kill"));
        System.err.printf("KillResumeTest: %d kill -9 survived, Ctrl-C (SIGTERM) checkpoint %s, second process refused %s%n",
                kills, interrupted, refused);
        assertTrue(kills >= 2, "killed only " + kills + " times");
        assertTrue(refused, "a second process was started while the first one trained");
        assertTrue(interrupted, "one attempt was stopped as by Ctrl-C and wrote a checkpoint");

        Map<String, Path> expected = runs(reference.resolve("kill"));
        Map<String, Path> actual = runs(out.resolve("kill"));
        assertEquals(expected.keySet(), actual.keySet());
        for (String run : expected.keySet()) {
            JsonNode a = JSON.readTree(expected.get(run).resolve("result.json").toFile());
            JsonNode b = JSON.readTree(actual.get(run).resolve("result.json").toFile());
            assertEquals(a.get("metrics"), b.get("metrics"), run + ": final metrics to the last bit");
            assertEquals(a.get("modelFingerprint"), b.get("modelFingerprint"), run + ": model parameters");
            assertEquals(epochLines(expected.get(run)), epochLines(actual.get(run)), run + ": every epoch's figures");
        }
    }

    /** Waits until a checkpoint not in {@code before} exists (true: the child is training), or the child ended. */
    private static boolean waitForNewCheckpoint(Path out, List<Path> before, Process child) throws Exception {
        while (child.isAlive()) {
            if (checkpoints(out).stream().anyMatch(p -> !before.contains(p))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static List<Path> checkpoints(Path out) throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(p -> p.toString().endsWith(".ckpt")).toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of(); // a file vanished while listing: the child pruned a checkpoint
        }
    }

    private static Process lskdProcess(Path suite, Path out, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-Dorg.bytedeco.javacpp.maxbytes=2g",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", suite.toString(), "--out",
                out.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Every finished file of every run parses and every checkpoint passes its checksum. */
    private static void assertNothingCorrupt(Path suiteDir) throws IOException {
        if (!Files.exists(suiteDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(suiteDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json")) {
                    JSON.readTree(f.toFile());
                } else if (name.endsWith(".jsonl")) {
                    for (String line : Files.readAllLines(f)) {
                        JSON.readTree(line);
                    }
                } else if (name.endsWith(".ckpt") || name.endsWith(".logits")) {
                    ArrayFile.read(f);
                }
            }
        }
    }

    private static Map<String, Path> runs(Path suiteDir) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(suiteDir)) {
            s.filter(p -> Files.isRegularFile(p.resolve("spec.json"))).forEach(p -> out.put(p.getFileName().toString(),
                    p));
        }
        return out;
    }

    /** metrics.jsonl without the timing. */
    private static List<JsonNode> epochLines(Path run) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            node.remove("seconds");
            lines.add(node);
        }
        return lines;
    }
}
