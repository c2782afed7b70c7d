package io.lskd.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.spi.Metric;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties every implementation of the definitions must have, on generated predictions. */
class MetricPropertiesTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void oneHotCorrectPredictionsArePerfect() {
        int k = 8;
        int n = 50;
        double[][] p = new double[n][k];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i * 5) % k;
            p[i][y[i]] = 1.0;
        }
        Map<String, Double> r = evaluate(MetricSet.standard(k, true), p, y, p);
        assertEquals(1.0, r.get("top1"));
        assertEquals(1.0, r.get("top5"));
        assertEquals(0.0, r.get("nll"));
        assertEquals(0.0, r.get("stability"));
        assertEquals(0.0, r.get("ece"));
        assertEquals(1.0, r.get("confidence"));
        assertEquals(1.0, r.get("agreement"));
    }

    @Test
    void uniformPredictionsHaveNoSpreadAndLogKLoss() {
        int k = 10;
        int n = 37;
        double[][] p = new double[n][k];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(p[i], 1.0 / k);
            y[i] = i % k;
        }
        Map<String, Double> r = evaluate(MetricSet.standard(k, false), p, y, null);
        assertEquals(0.0, r.get("stability"), TOLERANCE);
        assertEquals(Math.log(k), r.get("nll"), TOLERANCE);
        assertEquals(1.0 / k, r.get("confidence"), TOLERANCE);
        // ties go to the lowest index: only labels 0..k-1 within the first 1 (or 5) count
        assertEquals(countBelow(y, 1) / (double) n, r.get("top1"), TOLERANCE);
        assertEquals(countBelow(y, 5) / (double) n, r.get("top5"), TOLERANCE);
    }

    @Test
    void anySplitIntoBatchesEqualsOneBatch() {
        Random random = new Random(7);
        int k = 12;
        double[][] p = randomProbabilities(random, 1000, k);
        double[][] ref = randomProbabilities(random, 1000, k);
        int[] y = randomLabels(random, 1000, k);
        Map<String, Double> whole = evaluate(MetricSet.standard(k, true), p, y, ref);
        for (int trial = 0; trial < 5; trial++) {
            MetricSet set = MetricSet.standard(k, true);
            int from = 0;
            while (from < p.length) {
                int to = Math.min(p.length, from + random.nextInt(200));
                set.add(Arrays.copyOfRange(p, from, to), Arrays.copyOfRange(y, from, to),
                        Arrays.copyOfRange(ref, from, to));
                from = to;
            }
            assertClose(whole, set.results());
        }
    }

    @Test
    void permutingSamplesChangesNothing() {
        Random random = new Random(11);
        int k = 7;
        int n = 2000;
        double[][] p = randomProbabilities(random, n, k);
        double[][] ref = randomProbabilities(random, n, k);
        int[] y = randomLabels(random, n, k);
        Map<String, Double> original = evaluate(MetricSet.standard(k, true), p, y, ref);

        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[][] pp = new double[n][];
        double[][] rr = new double[n][];
        int[] yy = new int[n];
        for (int i = 0; i < n; i++) {
            pp[i] = p[order[i]];
            rr[i] = ref[order[i]];
            yy[i] = y[order[i]];
        }
        assertClose(original, evaluate(MetricSet.standard(k, true), pp, yy, rr));
    }

    @Test
    void streamingStabilityEqualsTwoPassOnTenThousandRows() {
        Random random = new Random(3);
        int k = 10;
        double[][] p = randomProbabilities(random, 10_000, k);
        int[] y = randomLabels(random, 10_000, k);
        StabilityMetric stability = new StabilityMetric(k);
        for (int from = 0; from < p.length; from += 333) {
            int to = Math.min(p.length, from + 333);
            stability.add(Arrays.copyOfRange(p, from, to), Arrays.copyOfRange(y, from, to), null);
        }
        assertEquals(twoPassStability(p, y, k), stability.result(), TOLERANCE);
    }

    @Test
    void stabilityOfACompactConfidentClassSurvivesCancellation() {
        // 10k rows of one class, all near [1-1e-6, ...]: v_c is about 1e-14 while ||pbar||^2 is
        // about 1, where textbook sums of p and ||p||^2 would keep hardly a digit.
        Random random = new Random(5);
        int k = 4;
        int n = 10_000;
        double[][] p = new double[n][k];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double a = 1e-7 * (1 + random.nextDouble());
            double b = 1e-7 * (1 + random.nextDouble());
            p[i] = new double[] {1 - a - b - 1e-7, a, b, 1e-7};
        }
        StabilityMetric stability = new StabilityMetric(k);
        stability.add(p, y, null);
        double expected = twoPassStability(p, y, k);
        assertTrue(expected > 1e-16 && expected < 1e-13, "set-up: variance " + expected);
        assertEquals(expected, stability.result(), 1e-6 * expected);
        assertEquals(k - 1, stability.classesLeftOut());
    }

    @Test
    void topKCountsTiedClassesAheadOnlyWhenTheirIndexIsLower() {
        double[] row = {0.2, 0.3, 0.2, 0.3, 0.0};
        // stable order by decreasing p: 1, 3, 0, 2, 4
        assertEquals(0, TopKAccuracy.rank(row, 1));
        assertEquals(1, TopKAccuracy.rank(row, 3));
        assertEquals(2, TopKAccuracy.rank(row, 0));
        assertEquals(3, TopKAccuracy.rank(row, 2));
        assertEquals(4, TopKAccuracy.rank(row, 4));

        double[][] p = {row, row, row, row};
        int[] y = {1, 3, 0, 2};
        assertEquals(0.25, evaluate(new TopKAccuracy(1), p, y));
        assertEquals(0.50, evaluate(new TopKAccuracy(2), p, y));
        assertEquals(0.75, evaluate(new TopKAccuracy(3), p, y));
    }

    @Test
    void eceBinsAreOpenBelowAndClosedAbove() {
        for (int j = 1; j <= 15; j++) {
            double edge = j / 15.0;
            assertEquals(j - 1, ExpectedCalibrationError.bin(edge, 15), "edge " + j + "/15");
            assertEquals(j - 1, ExpectedCalibrationError.bin(Math.nextDown(edge), 15), "below " + j + "/15");
            if (j < 15) {
                assertEquals(j, ExpectedCalibrationError.bin(Math.nextUp(edge), 15), "above " + j + "/15");
            }
        }
        assertEquals(0, ExpectedCalibrationError.bin(0.0, 15));
        assertEquals(14, ExpectedCalibrationError.bin(Math.nextUp(1.0), 15));
    }

    @Test
    void eceOfAPerfectlyCalibratedBinIsZero() {
        // confidence 0.5 everywhere, half of the samples right
        double[][] p = {{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}};
        int[] y = {0, 1, 0, 1};
        ExpectedCalibrationError ece = new ExpectedCalibrationError();
        ece.add(p, y, null);
        assertEquals(0.0, ece.result());
        ReliabilityBins bins = ece.bins();
        assertEquals(4, bins.counts()[7]);
        assertEquals(0.5, bins.accuracies()[7]);
        assertTrue(Double.isNaN(bins.accuracies()[0]));
        assertEquals(7 / 15.0, bins.lowerEdge(7));
        assertEquals(8 / 15.0, bins.upperEdge(7));
    }

    @Test
    void nllClampsOnlyBelowTheSmallestNormalDouble() {
        double[][] p = {{0.0, 1.0}, {1e-300, 1 - 1e-300}};
        int[] y = {0, 0};
        assertEquals((-Math.log(Double.MIN_NORMAL) - Math.log(1e-300)) / 2, evaluate(new NegativeLogLikelihood(), p, y),
                TOLERANCE);
    }

    @Test
    void nothingAddedIsNaN() {
        for (Metric m : List.of(new TopKAccuracy(1), new NegativeLogLikelihood(), new ExpectedCalibrationError(),
                new StabilityMetric(3), new AgreementMetric(), new MeanConfidence())) {
            assertTrue(Double.isNaN(m.result()), m.name());
        }
    }

    static double twoPassStability(double[][] p, int[] y, int k) {
        double total = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            double[] mean = new double[k];
            int n = 0;
            for (int i = 0; i < p.length; i++) {
                if (y[i] == c) {
                    n++;
                    for (int j = 0; j < k; j++) {
                        mean[j] += p[i][j];
                    }
                }
            }
            if (n == 0) {
                continue;
            }
            for (int j = 0; j < k; j++) {
                mean[j] /= n;
            }
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                if (y[i] == c) {
                    for (int j = 0; j < k; j++) {
                        double d = p[i][j] - mean[j];
                        sum += d * d;
                    }
                }
            }
            total += sum / n;
            present++;
        }
        return total / present;
    }

    static double[][] randomProbabilities(Random random, int n, int k) {
        double[][] p = new double[n][k];
        for (double[] row : p) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                row[j] = Math.exp(3 * random.nextGaussian());
                sum += row[j];
            }
            for (int j = 0; j < k; j++) {
                row[j] /= sum;
            }
        }
        return p;
    }

    static int[] randomLabels(Random random, int n, int k) {
        int[] y = new int[n];
        Arrays.setAll(y, i -> random.nextInt(k));
        return y;
    }

    private static Map<String, Double> evaluate(MetricSet set, double[][] p, int[] y, double[][] ref) {
        set.add(p, y, ref);
        return set.results();
    }

    private static double evaluate(Metric metric, double[][] p, int[] y) {
        metric.add(p, y, null);
        return metric.result();
    }

    private static void assertClose(Map<String, Double> expected, Map<String, Double> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, value) -> assertEquals(value, actual.get(name), TOLERANCE, name));
    }

    private static int countBelow(int[] y, int k) {
        return (int) Arrays.stream(y).filter(label -> label < k).count();
    }
}
