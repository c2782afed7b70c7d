package io.lskd.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every metric against golden values computed independently with numpy
 * ({@code src/test/resources/golden/metrics_golden.py}, output in {@code metrics.json}):
 * random predictions, exact ties, confidences exactly on ECE bin edges, a class without
 * samples for 1-S, and a label probability below the smallest normal double.
 */
class GoldenMetricsTest {

    private static final double TOLERANCE = 1e-12;

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = GoldenMetricsTest.class.getResourceAsStream("/golden/metrics.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Arguments> cases = new ArrayList<>();
            root.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void standardSetMatchesNumpy(String name, JsonNode golden) {
        GoldenCase c = GoldenCase.of(golden);
        MetricSet set = MetricSet.standard(c.numClasses, c.reference != null);
        set.add(c.probabilities, c.labels, c.reference);

        Map<String, Double> results = set.results();
        JsonNode expected = golden.get("expected");
        assertEquals(names(expected), List.copyOf(results.keySet()).stream().sorted().toList());
        expected.fields().forEachRemaining(e ->
                assertEquals(e.getValue().asDouble(), results.get(e.getKey()), TOLERANCE, c.name + " " + e.getKey()));
        assertEquals(golden.get("classesLeftOut").asInt(),
                set.get("stability", StabilityMetric.class).classesLeftOut());
        assertBins(golden.get("bins"), set.get("ece", ExpectedCalibrationError.class).bins());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void batchesOfThreeGiveTheSameValues(String name, JsonNode golden) {
        GoldenCase c = GoldenCase.of(golden);
        MetricSet set = MetricSet.standard(c.numClasses, c.reference != null);
        for (int from = 0; from < c.labels.length; from += 3) {
            int to = Math.min(c.labels.length, from + 3);
            set.add(Arrays.copyOfRange(c.probabilities, from, to), Arrays.copyOfRange(c.labels, from, to),
                    c.reference == null ? null : Arrays.copyOfRange(c.reference, from, to));
        }
        golden.get("expected").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asDouble(), set.results().get(e.getKey()), TOLERANCE, e.getKey()));
    }

    private static List<String> names(JsonNode expected) {
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    private static void assertBins(JsonNode expected, ReliabilityBins bins) {
        assertEquals(expected.get("counts").size(), bins.numBins());
        for (int b = 0; b < bins.numBins(); b++) {
            assertEquals(expected.get("counts").get(b).asLong(), bins.counts()[b], "count of bin " + b);
            assertBinValue(expected.get("accuracies").get(b), bins.accuracies()[b]);
            assertBinValue(expected.get("confidences").get(b), bins.confidences()[b]);
        }
    }

    private static void assertBinValue(JsonNode expected, double actual) {
        if (expected.isNull()) {
            assertTrue(Double.isNaN(actual), "empty bin should be NaN, was " + actual);
        } else {
            assertEquals(expected.asDouble(), actual, TOLERANCE);
        }
    }

    /** One golden case as Java arrays. */
    private record GoldenCase(String name, int numClasses, double[][] probabilities, int[] labels,
            double[][] reference) {

        static GoldenCase of(JsonNode node) {
            return new GoldenCase(node.get("name").asText(), node.get("numClasses").asInt(),
                    matrix(node.get("probabilities")), labels(node.get("labels")),
                    node.has("reference") ? matrix(node.get("reference")) : null);
        }

        private static double[][] matrix(JsonNode rows) {
            double[][] m = new double[rows.size()][];
            for (int i = 0; i < m.length; i++) {
                JsonNode row = rows.get(i);
                m[i] = new double[row.size()];
                for (int j = 0; j < m[i].length; j++) {
                    m[i][j] = row.get(j).asDouble();
                }
            }
            return m;
        }

        private static int[] labels(JsonNode node) {
            int[] y = new int[node.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = node.get(i).asInt();
            }
            return y;
        }
    }
}
