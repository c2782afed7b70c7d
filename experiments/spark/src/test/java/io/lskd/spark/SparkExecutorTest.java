package io.lskd.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lskd.cli.Main;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.run.ResumeMode;
import io.lskd.run.RunFailedException;
import io.lskd.run.RunInterruptedException;
import io.lskd.run.RunRef;
import io.lskd.run.StopRequest;
import io.lskd.run.SuiteOutcome;
import io.lskd.run.SuiteRunner;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's promises on a tiny suite of real data (a BN ResNet teacher with LS, a student alone
 * and a Hinton-distilled student; 200 Fashion-MNIST training and 500 test images, 2 epochs, a checkpoint every 2
 * steps) with Spark's local master: the Spark executor writes the same result files as the
 * in-process one, bit for bit where the runs' maths is concerned (same seeds, one native
 * thread per run on both), the report reads both folders alike, and a task that fails after
 * its run's first checkpoint is retried by Spark and continues from that checkpoint.
 */
@Tag("slow")
class SparkExecutorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUITE = """
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
    private static final List<String> QUIET_SPARK = List.of("--conf", "spark.ui.enabled=false");

    @TempDir
    static Path shared;
    private static Path suiteFile;
    private static Path reference;

    @TempDir
    Path tmp;

    /** The in-process executor's results: two runs at once, one native thread each. */
    @BeforeAll
    static void trainInProcess() throws IOException {
        suiteFile = Files.writeString(shared.resolve("tiny.json"), SUITE);
        reference = shared.resolve("in-process");
        Outcome r = lskd("run", suiteFile.toString(), "--out", reference.toString(), "--parallel", "2", "--threads",
                "1");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void theSparkExecutorWritesTheSameResultFilesAndTheReportReadsThemAlike() throws IOException {
        Path out = tmp.resolve("spark");
        List<String> args = new ArrayList<>(List.of("run", suiteFile.toString(), "--out", out.toString(),
                "--executor", "spark", "--master", "local[2]", "--threads", "1"));
        args.addAll(QUIET_SPARK);
        Outcome r = lskd(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Spark ") && r.err().contains("master local[2]"), r.err());
        assertTrue(r.err().contains("stage 1 of 2, 2 run(s) on Spark: [teacher (seed 0), alone (seed 0)]"), r.err());
        assertTrue(r.err().contains("stage 2 of 2, 1 run(s) on Spark: [kd (seed 0)]"), r.err());
        assertSameResults(reference.resolve("tiny"), out.resolve("tiny"));
        assertEquals(JSON.readTree(reference.resolve("tiny/summary.json").toFile()),
                JSON.readTree(out.resolve("tiny/summary.json").toFile()));
        for (Path run : runFolders(out.resolve("tiny")).values()) {
            JsonNode attempt = provenance(run).get("attempts").get(0);
            assertEquals(0, attempt.at("/spark/attemptNumber").asInt(), run.toString());
            assertEquals(1, attempt.at("/parallelism/threadsPerRun").asInt(), run.toString());
        }

        Outcome a = lskd("report", reference.resolve("tiny").toString(), "--out", tmp.resolve("report-a").toString());
        Outcome b = lskd("report", out.resolve("tiny").toString(), "--out", tmp.resolve("report-b").toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readString(tmp.resolve("report-a/report.md")).replace(reference.toString(), "<out>"),
                Files.readString(tmp.resolve("report-b/report.md")).replace(out.toString(), "<out>"));
    }

    @Test
    void aTaskThatFailsAfterItsRunsFirstCheckpointIsRetriedAndResumesFromIt() throws IOException {
        Registry registry = Registry.discover(getClass().getClassLoader(), new Workspace(null));
        SuiteSpec suite = registry.reader().read(SUITE, SuiteSpec.class);
        Path out = tmp.resolve("retried");
        // local[2,2]: two task slots, and a failed task is tried twice (spark.task.maxFailures)
        SparkConf conf = new SparkConf().setMaster("local[2,2]").setAppName("lskd-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        SuiteOutcome outcome;
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            SparkExecutor executor = new SparkExecutor(spark, null).withTaskListeners(new FailFirstAttemptAtStep3());
            outcome = new SuiteRunner(registry, new RunListener() { }, executor, new StopRequest())
                    .run(suite, out, ResumeMode.CONTINUE);
        }
        assertTrue(outcome.failures().isEmpty(), outcome.failures().toString());
        assertEquals(3, outcome.results().size());

        Map<String, Path> runs = runFolders(out.resolve("tiny"));
        JsonNode attempts = provenance(runs.get("teacher")).get("attempts");
        assertEquals(2, attempts.size(), attempts.toString());
        assertEquals(0, attempts.get(0).at("/spark/attemptNumber").asInt());
        assertFalse(attempts.get(0).has("outcome"), "the failed attempt ended without an outcome, as after a kill");
        assertEquals(1, attempts.get(1).at("/spark/attemptNumber").asInt());
        assertEquals(JSON.readTree("{\"epoch\": 1, \"step\": 2}"), attempts.get(1).get("resumedFrom"),
                "the retry continued from the checkpoint after step 2, not from the start");
        assertEquals("finished", attempts.get(1).get("outcome").asText());
        for (String other : List.of("alone", "kd")) {
            assertEquals(1, provenance(runs.get(other)).get("attempts").size(), other + " ran once");
        }
        assertSameResults(reference.resolve("tiny"), out.resolve("tiny"));
    }

    /** With local[2] Spark tries a task once, so the failed teacher stops the suite, naming what the task threw. */
    @Test
    void aRunThatFailsAsOftenAsSparkAllowsStopsTheSuiteNamingTheTasksError() {
        Registry registry = Registry.discover(getClass().getClassLoader(), new Workspace(null));
        SuiteSpec suite = registry.reader().read(SUITE, SuiteSpec.class);
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("lskd-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            SparkExecutor executor = new SparkExecutor(spark, null).withTaskListeners(new FailFirstAttemptAtStep3());
            SuiteRunner runner = new SuiteRunner(registry, new RunListener() { }, executor, new StopRequest());
            RunFailedException e = assertThrows(RunFailedException.class,
                    () -> runner.run(suite, tmp.resolve("failed"), ResumeMode.CONTINUE));
            assertTrue(e.getMessage().startsWith("a run failed on Spark (lskd tiny: stage 1 of 2, 2 run(s)) as often"
                    + " as Spark allows"), e.getMessage());
            assertTrue(e.getMessage().contains("SimulatedTaskFailure: the test kills this task attempt"), e.getMessage());
        }
    }

    /**
     * Ctrl-C on the driver (its stop request) cancels the Spark job; the task training the
     * teacher notices at its next step, writes a checkpoint there and stops, and the driver waits
     * for it before it reports the stop.
     */
    @Test
    void aStopRequestOnTheDriverMakesTheRunningTaskCheckpointAndStop() throws Exception {
        Registry registry = Registry.discover(getClass().getClassLoader(), new Workspace(null));
        SuiteSpec suite = registry.reader().read(SUITE, SuiteSpec.class);
        Path out = tmp.resolve("stopped");
        StopRequest stop = new StopRequest();
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("lskd-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        HoldTeacherAtStep3.reached = new CountDownLatch(1);
        Thread ctrlC = new Thread(() -> {
            try {
                HoldTeacherAtStep3.reached.await();
                stop.request();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ctrlC.setDaemon(true);
        ctrlC.start();
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            SparkExecutor executor = new SparkExecutor(spark, null).withTaskListeners(new HoldTeacherAtStep3());
            SuiteRunner runner = new SuiteRunner(registry, new RunListener() { }, executor, stop);
            RunInterruptedException e = assertThrows(RunInterruptedException.class,
                    () -> runner.run(suite, out, ResumeMode.CONTINUE));
            assertTrue(e.getMessage().contains("run the same command again to continue"), e.getMessage());
        }
        Path teacher = runFolders(out.resolve("tiny")).get("teacher");
        JsonNode attempt = provenance(teacher).get("attempts").get(0);
        assertEquals("interrupted", attempt.get("outcome").asText(), attempt.toString());
        assertTrue(Files.isRegularFile(teacher.resolve("checkpoints/step-0000000004.ckpt")),
                "a checkpoint at the step after the stop");
        assertFalse(Files.exists(teacher.resolve("result.json")));
    }

    /**
     * Holds the teacher's task at step 3 until Spark has marked it killed (the driver cancelled
     * the job), so that the stop lands within the run whatever the machine's speed.
     */
    static final class HoldTeacherAtStep3 implements TaskListeners {
        /** Counted down when the teacher's task is at step 3 (tasks run in the test's JVM with a local master). */
        static volatile CountDownLatch reached;

        @Override
        public RunListener forRun(RunRef run) {
            if (!run.arm().equals("teacher")) {
                return new RunListener() { };
            }
            TaskContext task = TaskContext.get();
            return new RunListener() {
                @Override
                public void step(String runName, int epoch, int step, double loss, int batchSize) {
                    if (epoch == 1 && step == 3) {
                        reached.countDown();
                        long deadline = System.nanoTime() + 120_000_000_000L;
                        while (!task.isInterrupted() && System.nanoTime() < deadline) {
                            try {
                                Thread.sleep(20); // polling Spark's kill flag, which offers nothing to wait on
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }
                }
            };
        }
    }

    /** The teacher's first task attempt throws at step 3 of epoch 1, after the checkpoint of step 2. */
    static final class FailFirstAttemptAtStep3 implements TaskListeners {
        @Override
        public RunListener forRun(RunRef run) {
            if (!run.arm().equals("teacher") || TaskContext.get().attemptNumber() > 0) {
                return new RunListener() { };
            }
            return new RunListener() {
                @Override
                public void step(String runName, int epoch, int step, double loss, int batchSize) {
                    if (epoch == 1 && step == 3) {
                        throw new SimulatedTaskFailure();
                    }
                }
            };
        }
    }

    static final class SimulatedTaskFailure extends RuntimeException {
        SimulatedTaskFailure() {
            super("the test kills this task attempt after its run's first checkpoint");
        }
    }

    /**
     * The two suite folders hold the same files (the summaries aside), and every file that the runs' maths decides is
     * identical: result.json but its seconds, metrics.jsonl but each line's seconds, spec.json,
     * suite.json, analysis.json, the teacher-output cache, and the model fingerprints recorded in
     * provenance.json (its times and environments differ by nature).
     */
    private static void assertSameResults(Path expected, Path actual) throws IOException {
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

    private static Map<String, Path> files(Path root) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            // summary.md and summary.json are the command line's, not the runner's (compared on their own)
            s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("summary."))
                    .forEach(p -> out.put(root.relativize(p).toString(), p));
        }
        return out;
    }

    private static Map<String, Path> runFolders(Path suiteDir) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(suiteDir)) {
            s.filter(p -> Files.isRegularFile(p.resolve("spec.json")))
                    .forEach(p -> out.put(p.getFileName().toString().replaceFirst("_s0_.*", ""), p));
        }
        return out;
    }

    private static JsonNode provenance(Path run) throws IOException {
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
    private static synchronized Outcome lskd(String... args) {
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
}
