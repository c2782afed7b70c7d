package io.lskd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A suite folder as the report reads it: suite.json (what should have run) and the run folders
 * with a result.json (what did), so that a report from partial runs can name what is missing.
 */
final class SuiteRuns {

    final Path dir;
    final JsonNode suite;
    final List<RunFolder> runs;
    final List<TaskRuns> tasks = new ArrayList<>();
    final List<String> missing = new ArrayList<>();

    private SuiteRuns(Path dir, JsonNode suite, List<RunFolder> runs) {
        this.dir = dir;
        this.suite = suite;
        this.runs = runs;
    }

    String name() {
        return suite.get("suite").asText();
    }

    /**
     * Reads a suite folder (one holding suite.json).
     *
     * @throws IllegalArgumentException when it has no suite.json
     */
    static SuiteRuns read(Path dir) {
        Path file = dir.resolve("suite.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " holds no suite.json: not a suite folder written by lskd run");
        }
        JsonNode suite;
        List<RunFolder> runs = new ArrayList<>();
        try (Stream<Path> found = Files.find(dir, 3, (p, a) -> p.getFileName().toString().equals("result.json"))) {
            suite = RunFolder.JSON.readTree(file.toFile());
            for (Path result : found.sorted().toList()) {
                runs.add(RunFolder.read(result.getParent()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        SuiteRuns out = new SuiteRuns(dir, suite, runs);
        List<String> variants = new ArrayList<>();
        variants.add(null);
        if (suite.has("variants")) {
            suite.get("variants").forEach(v -> variants.add(v.get("name").asText()));
        }
        for (String variant : variants) {
            JsonNode task = variant == null ? suite.get("task") : variantNode(suite, variant).get("task");
            TaskRuns taskRuns = new TaskRuns(variant, task, suite.get("arms"),
                    runs.stream().filter(r -> Objects.equals(r.variant(), variant)).toList());
            out.tasks.add(taskRuns);
            for (JsonNode seed : seeds(suite)) {
                for (JsonNode arm : suite.get("arms")) {
                    String name = arm.get("name").asText();
                    if (taskRuns.run(name, seed.asInt()) == null) {
                        out.missing.add((variant == null ? "" : variant + "/") + name + " seed " + seed.asInt());
                    }
                }
            }
        }
        return out;
    }

    private static Iterable<JsonNode> seeds(JsonNode suite) {
        return suite.has("seeds") ? suite.get("seeds") : List.of(RunFolder.JSON.getNodeFactory().numberNode(0));
    }

    private static JsonNode variantNode(JsonNode suite, String name) {
        for (JsonNode v : suite.get("variants")) {
            if (v.get("name").asText().equals(name)) {
                return v;
            }
        }
        throw new IllegalStateException("no variant " + name);
    }
}
