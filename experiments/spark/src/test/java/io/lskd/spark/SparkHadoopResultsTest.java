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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lskd.run.ResultsFolder;
import io.lskd.run.ResumeMode;
import io.lskd.run.StopRequest;
import io.lskd.run.SuiteOutcome;
import io.lskd.run.SuiteRunner;
import io.lskd.spark.SparkExecutorTest.FailFirstAttemptAtStep3;
import io.lskd.spark.TinySuite.Outcome;
import io.lskd.spi.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark executor with the results folder on a Hadoop file system (issue 9: "any
 * Hadoop-compatible path"). The file system is Hadoop's view file system, {@code
 * viewfs://lskdtest/runs}, mounted on a temporary folder: a file system other than the local one,
 * whose files the driver and the tasks can reach only through Hadoop (nothing in lskd knows the
 * temporary folder, and {@code /runs} is not a local path), as they would an HDFS or S3 folder.
 */
@Tag("slow")
class SparkHadoopResultsTest {

    private static final String OUT = "viewfs://lskdtest/runs";
    /** Hadoop's mount table entry that puts viewfs://lskdtest/runs on a local folder. */
    private static final String MOUNT = "spark.hadoop.fs.viewfs.mounttable.lskdtest.link./runs";

    @TempDir
    Path tmp;

    /** Where viewfs://lskdtest/runs lives, given to Hadoop's mount table only. */
    private Path bucket() throws IOException {
        return Files.createDirectories(tmp.resolve("bucket"));
    }

    private String mount() throws IOException {
        return MOUNT + "=" + bucket().toUri();
    }

    @Test
    void aSuiteWrittenThroughHadoopHoldsTheSameResultFilesAsOneTrainedInProcess() throws IOException {
        List<String> args = new ArrayList<>(List.of("run", suiteFile().toString(), "--out", OUT, "--executor", "spark",
                "--master", "local[2]", "--threads", "1", "--conf", mount()));
        args.addAll(QUIET_SPARK);
        Outcome r = lskd(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("results: " + OUT + "/tiny"), r.out());
        Matcher planned = Pattern.compile("local copy of each run's state \\((.*)\\)").matcher(r.err());
        assertTrue(planned.find(), r.err());
        assertFalse(Files.exists(Path.of(planned.group(1))), "the driver's local copy is removed at the end");
        assertFalse(Files.exists(Path.of("viewfs:")), "nothing took the URI for a local path");

        Path suite = bucket().resolve("tiny");
        assertSameResults(reference().resolve("tiny"), suite);
        assertEquals(JSON.readTree(reference().resolve("tiny/summary.json").toFile()),
                JSON.readTree(suite.resolve("summary.json").toFile()));
        try (Stream<Path> all = Files.walk(suite)) {
            assertEquals(List.of(), all.filter(p -> p.toString().endsWith(".tmp") || p.toString().endsWith(".lock"))
                    .toList(), "no temporary or lock file is left in the remote folder");
        }
        for (Path run : runFolders(suite).values()) {
            JsonNode attempts = provenance(run).get("attempts");
            assertEquals(1, attempts.size(), run.toString());
            assertEquals(0, attempts.get(0).at("/spark/attemptNumber").asInt(), run.toString());
        }

        // again: every run is found finished in the remote folder, nothing trains, the same table
        Outcome again = lskd(args.toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        assertEquals(r.out(), again.out());
        for (Path run : runFolders(suite).values()) {
            assertEquals(1, provenance(run).get("attempts").size(), "trained once: " + run);
        }

        Outcome remote = lskd("report", OUT + "/tiny");
        assertEquals(2, remote.code());
        assertTrue(remote.err().contains("copy it here first, e.g. 'hdfs dfs -get " + OUT + "/tiny ./tiny'"),
                remote.err());
        // the folder as a copy on this machine would hold it (file:// URIs are read directly): the same report
        Outcome a = lskd("report", reference().resolve("tiny").toString(), "--out", tmp.resolve("report-a").toString());
        Outcome b = lskd("report", suite.toUri().toString(), "--out", tmp.resolve("report-b").toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readString(tmp.resolve("report-a/report.md")).replace(reference().toString(), "<out>"),
                Files.readString(tmp.resolve("report-b/report.md")).replace(bucket().toString(), "<out>"));
    }

    /**
     * The teacher's first task attempt fails after its run's first checkpoint (step 2) went up;
     * Spark retries it (local[2,2]: two attempts per task) in a fresh local copy, which starts
     * from the checkpoint it finds in the remote folder.
     */
    @Test
    void aTaskThatFailsAfterItsFirstUploadedCheckpointIsRetriedAndResumesFromIt() throws IOException {
        SparkConf conf = localSpark("local[2,2]").set(MOUNT, bucket().toUri().toString());
        SuiteOutcome outcome;
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            SparkExecutor executor = new SparkExecutor(spark, null).withTaskListeners(new FailFirstAttemptAtStep3());
            try (ResultsFolder results = executor.resultsFolder(OUT)) {
                RunListener quiet = new RunListener() { };
                Path local = results.prepare(spec(), ResumeMode.CONTINUE, quiet);
                outcome = new SuiteRunner(registry(), quiet, executor, new StopRequest())
                        .run(spec(), local, ResumeMode.CONTINUE);
            }
        }
        assertTrue(outcome.failures().isEmpty(), outcome.failures().toString());
        assertEquals(3, outcome.results().size());

        Map<String, Path> runs = runFolders(bucket().resolve("tiny"));
        JsonNode attempts = provenance(runs.get("teacher")).get("attempts");
        assertEquals(2, attempts.size(), attempts.toString());
        assertEquals(0, attempts.get(0).at("/spark/attemptNumber").asInt());
        assertFalse(attempts.get(0).has("outcome"), "the failed attempt ended without an outcome, as after a kill");
        assertEquals(1, attempts.get(1).at("/spark/attemptNumber").asInt());
        assertEquals(JSON.readTree("{\"epoch\": 1, \"step\": 2}"), attempts.get(1).get("resumedFrom"),
                "the retry continued from the uploaded checkpoint after step 2, not from the start");
        assertEquals("finished", attempts.get(1).get("outcome").asText());
        for (String other : List.of("alone", "kd")) {
            assertEquals(1, provenance(runs.get(other)).get("attempts").size(), other + " ran once");
        }
        assertSameResults(reference().resolve("tiny"), bucket().resolve("tiny"));
    }

    /** A URI whose file system is not on the class path stops the command before any data is read. */
    @Test
    void aSchemeWithoutItsConnectorIsRefusedNamingWhatIsMissing() {
        List<String> args = new ArrayList<>(List.of("run", suiteFile().toString(), "--out", "s3a://bucket/runs",
                "--executor", "spark", "--master", "local[1]", "--threads", "1"));
        args.addAll(QUIET_SPARK);
        Outcome r = lskd(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("lskd: --out s3a://bucket/runs: no FileSystem for scheme s3a: put hadoop-aws ("),
                r.err());
        assertTrue(r.err().contains("and its AWS SDK (bundle) in --jars"), r.err());
        assertFalse(r.err().contains("data:"), "no data was read: " + r.err());
    }

    /** HDFS's client is there, the name node is not (nothing listens on port 1): refused before any data is read. */
    @Test
    void anUnreachableNameNodeIsRefusedNamingTheUri() {
        List<String> args = new ArrayList<>(List.of("run", suiteFile().toString(), "--out", "hdfs://127.0.0.1:1/runs",
                "--executor", "spark", "--master", "local[1]", "--threads", "1",
                "--conf", "spark.hadoop.ipc.client.connect.max.retries=0"));
        args.addAll(QUIET_SPARK);
        Outcome r = lskd(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("lskd: --out hdfs://127.0.0.1:1/runs: cannot reach it ("), r.err());
        assertTrue(r.err().contains("or set HADOOP_CONF_DIR to the cluster's configuration"), r.err());
        assertFalse(r.err().contains("data:"), "no data was read: " + r.err());
    }

    @Test
    void resumeNeedsAnEarlierRunInTheRemoteFolder() throws IOException {
        List<String> args = new ArrayList<>(List.of("run", suiteFile().toString(), "--out", OUT, "--resume",
                "--executor", "spark", "--master", "local[1]", "--threads", "1", "--conf", mount()));
        args.addAll(QUIET_SPARK);
        Outcome r = lskd(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("nothing to resume: " + OUT + "/tiny holds no earlier run of suite 'tiny'"),
                r.err());
    }

    /** The in-process executor writes to local folders only, and says what takes a URI. */
    @Test
    void theInProcessExecutorRefusesAUri() {
        Outcome r = lskd("run", suiteFile().toString(), "--out", "hdfs://namenode:8020/runs", "--threads", "1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--out hdfs://namenode:8020/runs: in-process, ")
                && r.err().contains("a Hadoop file system URI (hdfs://, s3a://, file://) needs --executor spark"),
                r.err());
    }
}
