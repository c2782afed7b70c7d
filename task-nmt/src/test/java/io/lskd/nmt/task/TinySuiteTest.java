package io.lskd.nmt.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.nmt.NmtPlugin;
import io.lskd.plugin.CorePlugin;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.run.RunResult;
import io.lskd.run.SuiteRunner;
import io.lskd.run.SummaryTable;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nmt-kd suite's shape at toy size on real data (the bundled corpus, its first pairs): both
 * teachers, word- and sequence-level KD students and a student alone train, decode and are
 * scored end to end, and every result file is written.
 */
class TinySuiteTest {

    static final String TINY = """
            {"suite": "nmt-tiny", "seeds": [0],
             "task": {"type": "nmt", "trainLimit": 60, "testLimit": 4, "vocabSize": 160, "maxTokens": 40,
                      "beamSize": 2, "evalBatchSize": 64, "maxLengthA": 0, "maxLengthB": 6},
             "training": {"epochs": 3, "batchSize": 20, "learningRate": 0.003, "schedule": "constant"},
             "arms": [
               {"name": "teacher", "role": "teacher",
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 16,
                          "heads": 2, "ffnDim": 32, "dropout": 0.1}},
               {"name": "teacher-ls", "role": "teacher", "smoother": {"type": "uniform", "alpha": 0.1},
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 16,
                          "heads": 2, "ffnDim": 32, "dropout": 0.1}},
               {"name": "student", "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1,
                          "modelDim": 8, "heads": 2, "ffnDim": 16, "dropout": 0.0}},
               {"name": "word-kd-ls", "teacher": "teacher-ls", "smoother": {"type": "uniform", "alpha": 0.1},
                "distiller": {"type": "word-kd", "temperature": 1.0, "alpha": 0.5, "topK": 4},
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 8,
                          "heads": 2, "ffnDim": 16, "dropout": 0.0}},
               {"name": "seq-kd", "teacher": "teacher", "distiller": {"type": "seq-kd", "beamSize": 1},
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 8,
                          "heads": 2, "ffnDim": 16, "dropout": 0.0}}]}
            """;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void tinySuiteTrainsDecodesAndScoresEveryArm() throws IOException {
        Registry registry = Registry.of(List.of(new CorePlugin(), new NmtPlugin()), new Workspace(null));
        Path file = tmp.resolve("tiny.json");
        Files.writeString(file, TINY);
        SuiteSpec suite = registry.reader().read(file, SuiteSpec.class);
        List<Map<String, Double>> estimates = new ArrayList<>();
        List<RunResult> results = new SuiteRunner(registry, new RunListener() {
            @Override
            public void estimated(Map<String, Double> secondsPerArm, double totalSeconds) {
                estimates.add(secondsPerArm);
            }
        }).estimateFirst().run(suite, tmp.resolve("runs"));
        assertEquals(5, results.size());
        // every arm timed before training: word-kd with its teacher's forward pass, seq-kd with its decoding
        assertEquals(1, estimates.size());
        assertEquals(List.of("teacher", "teacher-ls", "student", "word-kd-ls", "seq-kd"),
                List.copyOf(estimates.get(0).keySet()));
        assertTrue(estimates.get(0).values().stream().allMatch(s -> s > 0 && Double.isFinite(s)), estimates.toString());
        for (RunResult r : results) {
            Map<String, Double> m = r.metrics();
            for (String key : List.of("bleu", "chrf", "nll", "token_accuracy")) {
                assertTrue(m.containsKey(key) && Double.isFinite(m.get(key)) && m.get(key) >= 0, r.arm() + " " + m);
            }
            assertTrue(m.get("bleu") <= 100 && m.get("chrf") <= 100, m.toString());
            // the untranslated test sources' scores: one test split, so one value in every run
            assertEquals(results.get(0).metrics().get("copy_bleu"), m.get("copy_bleu"), m.toString());
            assertEquals(results.get(0).metrics().get("copy_chrf"), m.get("copy_chrf"), m.toString());
            assertTrue(m.get("copy_chrf") > 0 && m.get("copy_chrf") < 100, m.toString());
        }
        try (var runs = Files.list(tmp.resolve("runs/nmt-tiny"))) {
            List<Path> dirs = runs.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().equals("teacher-outputs")).toList();
            assertEquals(5, dirs.size());
            for (Path d : dirs) {
                assertTrue(Files.size(d.resolve("model.sd")) > 0 && Files.isRegularFile(d.resolve("bpe.json")), d.toString());
                List<String> epochs = Files.readAllLines(d.resolve("metrics.jsonl"));
                assertEquals(3, epochs.size());
                assertTrue(epochs.get(0).contains("valid_nll") && epochs.get(0).contains("train_tokens_per_s"));
                double first = JSON.readTree(epochs.get(0)).get("train_loss").asDouble();
                double last = JSON.readTree(epochs.get(2)).get("train_loss").asDouble();
                assertTrue(last < first, d + " learns: training loss " + first + " -> " + last);
            }
        }
        String table = SummaryTable.of(results).render();
        assertTrue(table.contains("BLEU") && table.contains("chrF") && !table.contains("1-S"), table);
    }
}
