package io.lskd.binary.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.binary.BinaryPlugin;
import io.lskd.plugin.CorePlugin;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.run.RunResult;
import io.lskd.run.SuiteRunner;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import io.lskd.vision.VisionPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny binary-kd suite end to end on the bundled Fashion-MNIST sample: a real-valued teacher,
 * then a binary student distilled from it by the two-step schedule (one epoch each), written
 * to disk with the binary metrics.
 */
class BinarySuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aTinyBinaryKdSuiteRunsBothStepsAndRecordsTheBinaryMetrics() throws Exception {
        Registry registry = Registry.of(List.of(new CorePlugin(), new VisionPlugin(), new BinaryPlugin()),
                new Workspace(null));
        SuiteSpec suite = registry.reader().read("""
                {"suite": "binary-tiny", "seeds": [0],
                 "task": {"type": "vision", "dataset": "fashion-mnist", "trainPerClass": 40, "evalEachEpoch": false,
                          "evalBatchSize": 250},
                 "training": {"epochs": 2, "batchSize": 50, "learningRate": 0.003},
                 "arms": [
                   {"name": "teacher", "role": "teacher", "model": {"type": "resnet-small"}},
                   {"name": "binary-kd", "model": {"type": "reactnet-small"}, "teacher": "teacher",
                    "distiller": {"type": "soft-target"}}]}
                """, SuiteSpec.class);
        List<Map<String, Double>> estimates = new ArrayList<>();
        List<RunResult> results = new SuiteRunner(registry, new RunListener() {
            @Override
            public void estimated(Map<String, Double> secondsPerArm, double totalSeconds) {
                estimates.add(secondsPerArm);
            }
        }).estimateFirst().run(suite, tmp);

        assertEquals(1, estimates.size());
        assertEquals(List.of("teacher", "binary-kd"), List.copyOf(estimates.get(0).keySet()));
        assertTrue(estimates.get(0).values().stream().allMatch(s -> s > 0), estimates.toString());

        RunResult binary = results.get(1);
        Map<String, Double> m = binary.metrics();
        assertEquals(276_480 + 32 * 384 + 32 * 15_690, m.get("size_bits"));
        assertEquals(56_448.0 / 66_768, m.get("binary_activation_share"), 1e-12);
        assertTrue(m.get("flip_ratio") > 0 && m.get("flip_ratio") < 1, m.toString());
        assertTrue(m.get("top1") > 0.2, "a binary student that learns: above chance (0.1), " + m);
        assertTrue(m.containsKey("agreement") && m.containsKey("stability"), m.toString());

        Path runDir;
        try (Stream<Path> dirs = Files.list(tmp.resolve("binary-tiny"))) {
            runDir = dirs.filter(p -> p.getFileName().toString().startsWith("binary-kd_s0_")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertEquals(2, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals(1, first.get("epoch").asInt());
        assertEquals(1, first.get("phase").asInt());
        assertFalse(first.has("flip_ratio"), "step 1 has real-valued weights: " + first);
        assertEquals(2, second.get("epoch").asInt());
        assertEquals(2, second.get("phase").asInt());
        assertEquals(m.get("flip_ratio"), second.get("flip_ratio").asDouble(), 0);
        JsonNode result = JSON.readTree(runDir.resolve("result.json").toFile());
        assertEquals(m.get("size_bits"), result.get("metrics").get("size_bits").asDouble());
    }
}
