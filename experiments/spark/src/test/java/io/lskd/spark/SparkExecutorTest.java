package io.lskd.spark;

import static io.lskd.spark.TinySuite.JSON;
import static io.lskd.spark.TinySuite.QUIET_SPARK;
import static io.lskd.spark.TinySuite.assertSameResults;
import static io.lskd.spark.TinySuite.lskd;
import static io.lskd.spark.TinySuite.localSpark;
import static io.lskd.spark.TinySuite.provenance;
import static io.lskd.spark.TinySuite.reference;
import static io.lskd.spark.TinySuite.registry;
import static io.lskd.spark.TinySuite.runFolders;
import static io.lskd.spark.TinySuite.spec;
import static io.lskd.spark.TinySuite.suiteFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lskd.plugin.Registry;
import io.lskd.run.ResumeMode;
import io.lskd.run.RunFailedException;
import io.lskd.run.RunInterruptedException;
import io.lskd.run.RunRef;
import io.lskd.run.StopRequest;
import io.lskd.run.SuiteOutcome;
import io.lskd.run.SuiteRunner;
import io.lskd.spark.TinySuite.Outcome;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's promises on a tiny suite of real data ({@link TinySuite}) with Spark's local master
 * and the results folder on a file system that the driver and the tasks share: the Spark executor
 * writes the same result files as the in-process one, bit for bit where the runs' maths is concerned (same seeds, one native
 * thread per run on both), the report reads both folders alike, and a task that fails after
 * its run's first checkpoint is retried by Spark and continues from that checkpoint.
 */
@Tag("slow")
class SparkExecutorTest {

    @TempDir
    Path tmp;

    @Test
    void theSparkExecutorWritesTheSameResultFilesAndTheReportReadsThemAlike() throws IOException {
        Path out = tmp.resolve("spark");
        List<String> args = new ArrayList<>(List.of("run", suiteFile().toString(), "--out", out.toString(),
                "--executor", "spark", "--master", "local[2]", "--threads", "1"));
        args.addAll(QUIET_SPARK);
        Outcome r = lskd(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Spark ") && r.err().contains("master local[2]"), r.err());
        assertTrue(r.err().contains("stage 1 of 2, 2 run(s) on Spark: [teacher (seed 0), alone (seed 0)]"), r.err());
        assertTrue(r.err().contains("stage 2 of 2, 1 run(s) on Spark: [kd (seed 0)]"), r.err());
        assertSameResults(reference().resolve("tiny"), out.resolve("tiny"));
        assertEquals(JSON.readTree(reference().resolve("tiny/summary.json").toFile()),
                JSON.readTree(out.resolve("tiny/summary.json").toFile()));
        for (Path run : runFolders(out.resolve("tiny")).values()) {
            JsonNode attempt = provenance(run).get("attempts").get(0);
            assertEquals(0, attempt.at("/spark/attemptNumber").asInt(), run.toString());
            assertEquals(1, attempt.at("/parallelism/threadsPerRun").asInt(), run.toString());
        }

        Outcome a = lskd("report", reference().resolve("tiny").toString(), "--out", tmp.resolve("report-a").toString());
        Outcome b = lskd("report", out.resolve("tiny").toString(), "--out", tmp.resolve("report-b").toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readString(tmp.resolve("report-a/report.md")).replace(reference().toString(), "<out>"),
                Files.readString(tmp.resolve("report-b/report.md")).replace(out.toString(), "<out>"));
    }

    @Test
    void aTaskThatFailsAfterItsRunsFirstCheckpointIsRetriedAndResumesFromIt() throws IOException {
        Registry registry = registry();
        SuiteSpec suite = spec();
        Path out = tmp.resolve("retried");
        // local[2,2]: two task slots, and a failed task is tried twice (spark.task.maxFailures)
        SparkConf conf = localSpark("local[2,2]");
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
        assertSameResults(reference().resolve("tiny"), out.resolve("tiny"));
    }

    /** With local[2] Spark tries a task once, so the failed teacher stops the suite, naming what the task threw. */
    @Test
    void aRunThatFailsAsOftenAsSparkAllowsStopsTheSuiteNamingTheTasksError() {
        Registry registry = registry();
        SuiteSpec suite = spec();
        SparkConf conf = localSpark("local[2]");
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
        Registry registry = registry();
        SuiteSpec suite = spec();
        Path out = tmp.resolve("stopped");
        StopRequest stop = new StopRequest();
        SparkConf conf = localSpark("local[2]");
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
}
