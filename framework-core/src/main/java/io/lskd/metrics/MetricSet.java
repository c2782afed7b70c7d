package io.lskd.metrics;

import io.lskd.spi.Metric;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Several metrics fed together: one {@link #add} reaches all of them, {@link #results()} reads
 * them all, in the order they were added.
 *
 * <p>Why: evaluation code and the {@code lskd metrics} command should not repeat the list of
 * metrics a report contains; {@link #standard} is that list.
 *
 * <p>A batch is validated once up front (the same checks every metric makes, the reference's
 * too when it is given or an {@link AgreementMetric} needs it), so a bad batch is rejected
 * before any metric has taken it and the metrics never disagree on what they have seen.
 */
public final class MetricSet {

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final BatchCheck check;
    private boolean needsReference;

    /** An empty set; the number of classes is taken from the first non-empty batch. */
    public MetricSet() {
        this(0);
    }

    /** An empty set whose batches must have rows of length {@code numClasses}. */
    public MetricSet(int numClasses) {
        check = new BatchCheck("metric set", numClasses);
    }

    /**
     * The standard report for K classes: top1, top5 (only when K &gt; 5), nll, ece (15 bins),
     * stability (1-S), confidence and, when {@code withReference}, agreement.
     */
    public static MetricSet standard(int numClasses, boolean withReference) {
        MetricSet set = new MetricSet(numClasses).with(new TopKAccuracy(1));
        if (numClasses > 5) {
            set.with(new TopKAccuracy(5));
        }
        set.with(new NegativeLogLikelihood())
                .with(new ExpectedCalibrationError())
                .with(new StabilityMetric(numClasses))
                .with(new MeanConfidence());
        if (withReference) {
            set.with(new AgreementMetric());
        }
        return set;
    }

    /**
     * Adds a metric under its name.
     *
     * @return this set
     * @throws IllegalArgumentException when a metric of that name is already in the set
     */
    public MetricSet with(Metric metric) {
        if (metrics.putIfAbsent(metric.name(), metric) != null) {
            throw new IllegalArgumentException("metric set already has a metric named " + metric.name());
        }
        needsReference |= metric instanceof AgreementMetric;
        return this;
    }

    /** Adds a batch to every metric; see {@link Metric#add}. */
    public void add(double[][] probabilities, int[] labels, double[][] reference) {
        if (reference != null || needsReference) {
            check.checkWithReference(probabilities, labels, reference);
        } else {
            check.check(probabilities, labels);
        }
        for (Metric metric : metrics.values()) {
            metric.add(probabilities, labels, reference);
        }
    }

    /** Each metric's result by name, in insertion order. */
    public Map<String, Double> results() {
        Map<String, Double> results = new LinkedHashMap<>();
        metrics.forEach((name, metric) -> results.put(name, metric.result()));
        return results;
    }

    /**
     * The metric of that name, for what goes beyond its single result (e.g. the reliability
     * bins of {@link ExpectedCalibrationError}).
     *
     * @throws IllegalArgumentException when there is none or it is not of that type
     */
    public <T extends Metric> T get(String name, Class<T> type) {
        Metric metric = metrics.get(name);
        if (!type.isInstance(metric)) {
            throw new IllegalArgumentException("metric set has no " + type.getSimpleName() + " named " + name);
        }
        return type.cast(metric);
    }
}
