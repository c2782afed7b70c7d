/**
 * Streaming evaluation metrics over predicted probability vectors: top-k accuracy, negative
 * log-likelihood, expected calibration error (with reliability bins), the stability metric
 * 1-S of Shen et al. (ICLR 2021, Eq. 2), teacher-student agreement and mean confidence.
 *
 * <p>Everything is plain Java in double precision and keeps running sums only, so a metric can
 * be fed an arbitrarily large evaluation set batch by batch ({@link io.lskd.metrics.MetricSet}
 * feeds several at once, {@link io.lskd.metrics.ProbabilityFiles} feeds them from CSV files).
 * Sums are compensated (Neumaier), which makes results independent of batch split and sample
 * order to within a few ulps.
 *
 * <p>Shared conventions: the predicted class of a row is its argmax, the lowest index on ties;
 * its confidence is its maximum probability. Every {@code add} validates the whole batch first
 * (rows of one consistent length K, labels in {@code [0, K)}, finite probabilities) and throws
 * {@link java.lang.IllegalArgumentException} naming the row and the bad value, leaving the
 * metric unchanged.
 */
package io.lskd.metrics;
