package io.lskd.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading probabilities and labels from CSV files: formats, chunking and located errors. */
class ProbabilityFilesTest {

    @TempDir
    Path dir;

    @Test
    void headersWhitespaceAndBlankLinesAreTolerated() throws IOException {
        Path probs = write("p.csv", "p0, p1 ,p2", " 0.7 , 0.2,0.1", "", "0.1,0.8,0.1  ", "0.3,0.3,0.4");
        Path labels = write("y.csv", "label", "0", " 2 ", "2");
        Map<String, Double> results = ProbabilityFiles.evaluate(probs, labels);

        MetricSet expected = MetricSet.standard(3, false);
        expected.add(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}}, new int[] {0, 2, 2}, null);
        assertEquals(expected.results(), results);
    }

    @Test
    void manyRowsAreFedInChunksWithTheSameResult() throws IOException {
        Random random = new Random(1);
        int n = 2 * ProbabilityFiles.CHUNK_ROWS + 17;
        int k = 10;
        double[][] p = MetricPropertiesTest.randomProbabilities(random, n, k);
        double[][] ref = MetricPropertiesTest.randomProbabilities(random, n, k);
        int[] y = MetricPropertiesTest.randomLabels(random, n, k);
        Path probs = write("p.csv", rows(p));
        Path reference = write("r.csv", rows(ref));
        List<String> labelLines = new ArrayList<>();
        for (int label : y) {
            labelLines.add(Integer.toString(label));
        }
        Path labels = write("y.csv", labelLines.toArray(String[]::new));

        MetricSet expected = MetricSet.standard(k, true);
        expected.add(p, y, ref);
        Map<String, Double> actual = ProbabilityFiles.evaluate(probs, labels, Optional.of(reference));
        assertEquals(expected.results().keySet(), actual.keySet());
        expected.results().forEach((name, value) -> assertEquals(value, actual.get(name), 1e-12, name));
    }

    @Test
    void wrongColumnCount() throws IOException {
        Path probs = write("p.csv", "0.5,0.5", "0.2,0.3,0.5");
        assertProblem(probs, write("y.csv", "0", "1"), Optional.empty(), "p.csv:2:", "expected 2 columns, found 3");
    }

    @Test
    void notANumber() throws IOException {
        Path probs = write("p.csv", "0.5,0.5", "0.5,abc");
        assertProblem(probs, write("y.csv", "0", "1"), Optional.empty(), "p.csv:2:", "\"abc\" is not a number");
        Path labels = write("labels.csv", "0", "one");
        assertProblem(write("q.csv", "0.5,0.5", "0.5,0.5"), labels, Optional.empty(), "labels.csv:2:",
                "\"one\" is not a number");
    }

    @Test
    void labelOutOfRangeOrNotAnInteger() throws IOException {
        Path probs = write("p.csv", "0.5,0.5", "0.5,0.5", "0.5,0.5");
        assertProblem(probs, write("y.csv", "label", "0", "1", "2"), Optional.empty(), "y.csv:4:",
                "label 2 is outside [0, 2)");
        assertProblem(probs, write("z.csv", "0", "1.5", "1"), Optional.empty(), "z.csv:2:", "1.5 is not an integer");
        assertProblem(probs, write("w.csv", "0", "1,1", "1"), Optional.empty(), "w.csv:2:",
                "expected 1 column (the label), found 2");
    }

    @Test
    void rowCountMismatch() throws IOException {
        Path probs = write("p.csv", "0.5,0.5", "0.5,0.5", "0.5,0.5");
        assertProblem(probs, write("short.csv", "0", "1"), Optional.empty(), "short.csv:2:",
                "ends after 2 rows, but " + probs + " has more (row 3 at line 3)");
        assertProblem(probs, write("long.csv", "0", "1", "1", "0"), Optional.empty(), "long.csv:4:",
                "row 4 has no match: " + probs + " ends after 3 rows");
        Path labels = write("y.csv", "0", "1", "1");
        assertProblem(probs, labels, Optional.of(write("ref.csv", "1,0", "0,1")), "ref.csv:2:", "ends after 2 rows");
    }

    @Test
    void rowNotSummingToOne() throws IOException {
        Path probs = write("p.csv", "0.5,0.5", "0.5,0.4995", "0.5,0.498");
        assertProblem(probs, write("y.csv", "0", "1", "1"), Optional.empty(), "p.csv:3:", "probabilities sum to 0.998");
    }

    @Test
    void negativeOrNonFiniteProbability() throws IOException {
        assertProblem(write("p.csv", "1.5,-0.5"), write("y.csv", "0"), Optional.empty(), "p.csv:1:",
                "column 2: probability -0.5 is not a finite non-negative number");
        assertProblem(write("q.csv", "0.5,0.5", "NaN,1"), write("y.csv", "0", "0"), Optional.empty(), "q.csv:2:",
                "probability NaN");
    }

    @Test
    void emptyProbabilityFile() throws IOException {
        assertProblem(write("p.csv", "p0,p1", ""), write("y.csv", "0"), Optional.empty(), "p.csv:",
                "no probability rows");
    }

    @Test
    void reliabilityBinsAreReachable() throws IOException {
        MetricSet set = ProbabilityFiles.compute(write("p.csv", "0.9,0.1", "0.2,0.8"), write("y.csv", "0", "0"),
                Optional.empty());
        ReliabilityBins bins = set.get("ece", ExpectedCalibrationError.class).bins();
        assertEquals(1, bins.counts()[11]);
        assertEquals(1, bins.counts()[13]);
    }

    private void assertProblem(Path probs, Path labels, Optional<Path> reference, String location, String problem) {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> ProbabilityFiles.evaluate(probs, labels, reference));
        String message = e.getMessage();
        assertTrue(message.contains(location), "expected \"" + location + "\" in: " + message);
        assertTrue(message.contains(problem), "expected \"" + problem + "\" in: " + message);
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private static String[] rows(double[][] p) {
        String[] lines = new String[p.length];
        for (int i = 0; i < p.length; i++) {
            lines[i] = Arrays.stream(p[i]).mapToObj(Double::toString).collect(Collectors.joining(","));
        }
        return lines;
    }
}
