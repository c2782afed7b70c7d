package io.lskd.nmt.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lskd.nmt.NmtPlugin;
import io.lskd.plugin.CorePlugin;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.run.RunInterruptedException;
import io.lskd.run.RunResult;
import io.lskd.run.StopRequest;
import io.lskd.run.SuiteRunner;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A translation suite interrupted after its teacher finished, with a student crashed mid-epoch
 * and another stopped by a stop request (Ctrl-C), continues on a plain re-run: the teacher is
 * reloaded from its model.sd instead of trained again, the students resume from their
 * checkpoints (the sequence-level one reading its teacher's cached translations), and every
 * result, model fingerprint and per-epoch figure equals an uninterrupted run's.
 */
class NmtSuiteResumeTest {

    private static final String SUITE = """
            {"suite": "nmt-suite-resume", "seeds": [0],
             "task": {"type": "nmt", "trainLimit": 24, "testLimit": 3, "vocabSize": 400, "validBooks": ["II John"],
                      "beamSize": 2, "maxLengthA": 0, "maxLengthB": 5},
             "training": {"epochs": 2, "batchSize": 8, "learningRate": 0.003, "schedule": "constant",
                          "checkpointSteps": 2},
             "arms": [
               {"name": "teacher", "role": "teacher", "smoother": {"type": "uniform", "alpha": 0.1},
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 16,
                          "heads": 2, "ffnDim": 32, "dropout": 0.1}},
               {"name": "seq-kd", "teacher": "teacher", "distiller": {"type": "seq-kd", "beamSize": 2},
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 8,
                          "heads": 2, "ffnDim": 16, "dropout": 0.1}},
               {"name": "word-kd", "teacher": "teacher",
                "distiller": {"type": "word-kd", "temperature": 1.0, "alpha": 0.5, "topK": 4},
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 8,
                          "heads": 2, "ffnDim": 16, "dropout": 0.1}}]}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /** Remembers skipped and resumed runs; a hook may act on each student step. */
    static class Recorder implements RunListener {
        final List<String> skipped = new ArrayList<>();
        final List<String> resumed = new ArrayList<>();

        @Override
        public synchronized void runSkipped(String runName, String reason) {
            skipped.add(runName + ": " + reason);
        }

        @Override
        public synchronized void runResumed(String runName, int epoch, int step) {
            resumed.add(runName + " at " + epoch + "/" + step);
        }
    }

    @Test
    void aSuiteWhoseTeacherFinishedAndWhoseStudentsDidNotResumesToTheSameResults() throws IOException {
        Registry registry = Registry.of(List.of(new CorePlugin(), new NmtPlugin()), new Workspace(null));
        SuiteSpec suite = registry.reader().read(Files.writeString(tmp.resolve("suite.json"), SUITE), SuiteSpec.class);
        List<RunResult> expected = new SuiteRunner(registry, new RunListener() {}).run(suite, tmp.resolve("whole"));

        Path out = tmp.resolve("interrupted");
        // attempt 1: the sequence-level student crashes on the last step of its first epoch
        // (after its step-2 checkpoint, before the epoch's), once the teacher has finished
        Recorder crashing = new Recorder() {
            @Override
            public void step(String runName, int epoch, int step, double loss, int batchSize) {
                if (runName.startsWith("seq-kd") && epoch == 1 && step == 3) {
                    throw new SimulatedCrash();
                }
            }
        };
        assertThrows(SimulatedCrash.class, () -> new SuiteRunner(registry, crashing).run(suite, out));
        Path suiteDir = out.resolve(suite.suite());
        assertTrue(Files.isRegularFile(runDir(suiteDir, "teacher").resolve("result.json")), "the teacher finished");
        assertTrue(!Files.exists(runDir(suiteDir, "seq-kd").resolve("result.json")), "the student did not");
        Path cached = only(suiteDir.resolve("teacher-outputs"), ".sequences");
        Object cacheEntry = Files.readAttributes(cached, BasicFileAttributes.class).fileKey();

        // attempt 2: Ctrl-C during the first student step taken
        StopRequest stop = new StopRequest();
        Recorder stopping = new Recorder() {
            @Override
            public void step(String runName, int epoch, int step, double loss, int batchSize) {
                stop.request();
            }
        };
        RunInterruptedException interrupted = assertThrows(RunInterruptedException.class,
                () -> new SuiteRunner(registry, stopping, stop).run(suite, out));
        assertTrue(interrupted.getMessage().contains("a checkpoint was written there"), interrupted.getMessage());
        assertTrue(stopping.skipped.stream().anyMatch(s -> s.startsWith("teacher (seed 0): finished earlier")),
                stopping.skipped.toString());

        // attempt 3: a plain re-run finishes the suite
        Recorder last = new Recorder();
        List<RunResult> results = new SuiteRunner(registry, last).run(suite, out);
        assertTrue(last.skipped.stream().anyMatch(s -> s.startsWith("teacher (seed 0): finished earlier")),
                last.skipped.toString());
        assertTrue(!last.resumed.isEmpty(), "a student resumed from its checkpoint: " + last.resumed);
        assertEquals(cacheEntry, Files.readAttributes(cached, BasicFileAttributes.class).fileKey(),
                "the teacher's translations were read from the cache, not decoded and written again");

        assertEquals(byArm(expected).keySet(), byArm(results).keySet());
        byArm(expected).forEach((arm, e) -> {
            RunResult r = byArm(results).get(arm);
            assertEquals(e.metrics(), r.metrics(), arm + ": BLEU, chrF, NLL, token accuracy");
            assertEquals(e.modelFingerprint(), r.modelFingerprint(), arm + ": the parameters");
        });
        for (String arm : List.of("teacher", "seq-kd", "word-kd")) {
            assertEquals(epochFigures(runDir(tmp.resolve("whole").resolve(suite.suite()), arm)),
                    epochFigures(runDir(suiteDir, arm)), arm + ": every epoch's figures");
        }
    }

    private static Map<String, RunResult> byArm(List<RunResult> results) {
        Map<String, RunResult> out = new TreeMap<>();
        results.forEach(r -> out.put(r.arm(), r));
        return out;
    }

    private static Path runDir(Path suiteDir, String arm) throws IOException {
        try (Stream<Path> dirs = Files.list(suiteDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(arm + "_s0_")).findFirst().orElseThrow();
        }
    }

    private static Path only(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> matching = files.filter(p -> p.toString().endsWith(suffix)).toList();
            assertEquals(1, matching.size(), matching.toString());
            return matching.get(0);
        }
    }

    /** metrics.jsonl without the figures measured by the clock. */
    private static List<String> epochFigures(Path runDir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            node.remove(List.of("train_tokens_per_s", "seconds"));
            out.add(node.toString());
        }
        return out;
    }
}
