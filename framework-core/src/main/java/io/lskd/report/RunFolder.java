package io.lskd.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One finished run as its files hold it: result.json (its presence marks a finished run),
 * spec.json, metrics.jsonl (per-epoch figures) and analysis.json (absent for runs made before
 * the analyses existed).
 *
 * @param variant the suite variant, or null for the main task
 */
record RunFolder(Path dir, String variant, String arm, int seed, JsonNode result, JsonNode spec, List<JsonNode> epochs,
                 JsonNode analysis) {

    static final ObjectMapper JSON = new ObjectMapper();

    static RunFolder read(Path dir) {
        try {
            JsonNode result = JSON.readTree(dir.resolve("result.json").toFile());
            JsonNode spec = JSON.readTree(dir.resolve("spec.json").toFile());
            List<JsonNode> epochs = new ArrayList<>();
            Path log = dir.resolve("metrics.jsonl");
            if (Files.isRegularFile(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (!line.isBlank()) {
                        epochs.add(JSON.readTree(line));
                    }
                }
            }
            Path analysisFile = dir.resolve("analysis.json");
            JsonNode analysis = Files.isRegularFile(analysisFile) ? JSON.readTree(analysisFile.toFile()) : null;
            JsonNode variant = result.get("variant");
            return new RunFolder(dir, variant == null || variant.isNull() ? null : variant.asText(),
                    result.get("arm").asText(), result.get("seed").asInt(), result, spec, epochs, analysis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A final metric from result.json, or NaN when the run has none of that name. */
    double metric(String name) {
        JsonNode v = result.get("metrics").get(name);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    /** Whether result.json holds a value for this metric. */
    boolean has(String name) {
        JsonNode v = result.get("metrics").get(name);
        return v != null && !v.isNull();
    }

    /** The last epoch's value of a per-epoch figure, or NaN. */
    double lastEpoch(String name) {
        if (epochs.isEmpty()) {
            return Double.NaN;
        }
        JsonNode v = epochs.get(epochs.size() - 1).get(name);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
