package io.lskd.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.spi.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad batches are rejected with a message naming the row and the value, and change nothing. */
class MetricValidationTest {

    private static final double[][] GOOD = {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}};
    private static final int[] GOOD_LABELS = {0, 1};

    @Test
    void rowOfTheWrongWidthIsNamed() {
        NegativeLogLikelihood nll = new NegativeLogLikelihood();
        nll.add(GOOD, GOOD_LABELS, null);
        String message = rejected(nll, new double[][] {{0.5, 0.5, 0.0}, {0.5, 0.5}}, new int[] {0, 1}, null);
        assertTrue(message.contains("batch row 1 (sample 3)") && message.contains("2 entries, expected 3"), message);
    }

    @Test
    void labelOutOfRangeIsNamed() {
        String message = rejected(new TopKAccuracy(1), GOOD, new int[] {0, 3}, null);
        assertTrue(message.contains("batch row 1") && message.contains("label 3 is outside [0, 3)"), message);
        message = rejected(new StabilityMetric(3), GOOD, new int[] {-1, 0}, null);
        assertTrue(message.contains("batch row 0") && message.contains("label -1"), message);
    }

    @Test
    void nonFiniteProbabilityIsNamed() {
        String message = rejected(new MeanConfidence(), new double[][] {{0.5, Double.NaN, 0.5}}, new int[] {0}, null);
        assertTrue(message.contains("batch row 0") && message.contains("probability[1] = NaN"), message);
    }

    @Test
    void stabilityInsistsOnItsNumberOfClasses() {
        String message = rejected(new StabilityMetric(4), GOOD, GOOD_LABELS, null);
        assertTrue(message.contains("3 entries, expected 4"), message);
    }

    @Test
    void agreementNeedsAReferenceOfTheSameShape() {
        String message = rejected(new AgreementMetric(), GOOD, GOOD_LABELS, null);
        assertTrue(message.contains("reference"), message);
        message = rejected(new AgreementMetric(), GOOD, GOOD_LABELS, new double[][] {{1, 0, 0}, {Double.POSITIVE_INFINITY, 0, 0}});
        assertTrue(message.contains("batch row 1") && message.contains("reference[0] = Infinity"), message);
        message = rejected(new AgreementMetric(), GOOD, GOOD_LABELS, new double[][] {{1, 0, 0}});
        assertTrue(message.contains("1 reference rows"), message);
    }

    @Test
    void labelsAndRowsMustMatchInNumber() {
        String message = rejected(new ExpectedCalibrationError(), GOOD, new int[] {0}, null);
        assertTrue(message.contains("2 probability rows but 1 labels"), message);
    }

    @Test
    void aRejectedBatchLeavesTheMetricUnchanged() {
        for (Metric metric : List.of(new TopKAccuracy(1), new NegativeLogLikelihood(), new ExpectedCalibrationError(),
                new StabilityMetric(3), new MeanConfidence(), new AgreementMetric())) {
            metric.add(GOOD, GOOD_LABELS, GOOD);
            double before = metric.result();
            rejected(metric, new double[][] {{0.2, 0.2, 0.6}, {0.1, 0.1, Double.NaN}}, GOOD_LABELS, GOOD);
            assertEquals(before, metric.result(), metric.name());
        }
    }

    @Test
    void aRejectedBatchReachesNoMetricOfASet() {
        MetricSet set = MetricSet.standard(3, true);
        set.add(GOOD, GOOD_LABELS, GOOD);
        var before = set.results();
        assertThrows(IllegalArgumentException.class, () -> set.add(GOOD, GOOD_LABELS, null));
        assertThrows(IllegalArgumentException.class, () -> set.add(new double[][] {{0.5, 0.5}}, new int[] {0}, null));
        assertEquals(before, set.results());
    }

    @Test
    void standardSetNamesInOrder() {
        assertEquals(List.of("top1", "nll", "ece", "stability", "confidence"),
                List.copyOf(MetricSet.standard(5, false).results().keySet()));
        assertEquals(List.of("top1", "top5", "nll", "ece", "stability", "confidence", "agreement"),
                List.copyOf(MetricSet.standard(6, true).results().keySet()));
    }

    @Test
    void aSetRefusesTwoMetricsOfOneName() {
        MetricSet set = new MetricSet().with(new TopKAccuracy(1));
        assertThrows(IllegalArgumentException.class, () -> set.with(new TopKAccuracy(1)));
        assertThrows(IllegalArgumentException.class, () -> set.get("top1", StabilityMetric.class));
    }

    private static String rejected(Metric metric, double[][] p, int[] y, double[][] ref) {
        String message = assertThrows(IllegalArgumentException.class, () -> metric.add(p, y, ref)).getMessage();
        assertTrue(message.startsWith(metric.name() + ": "), message);
        return message;
    }
}
