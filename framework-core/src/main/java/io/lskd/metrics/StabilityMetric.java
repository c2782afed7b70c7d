package io.lskd.metrics;

import io.lskd.spi.Metric;

/**
 * The stability metric of Shen et al. (ICLR 2021, Eq. 2), reported as {@code "stability"} in
 * the form 1-S: the intra-class variance of the predicted distributions, grouped by TRUE label.
 *
 * <p>Formula: for each class c with n_c &gt; 0 samples, p_ic their probability vectors and
 * pbar_c = (1/n_c) sum_i p_ic,
 * <pre>1-S = (1/K') sum_c v_c,   v_c = (1/n_c) sum_i ||p_ic - pbar_c||^2</pre>
 * where K' is the number of classes with at least one sample. Classes without samples are left
 * out of the mean (the paper's 1/K assumes every class occurs); {@link #classesLeftOut()} says
 * how many were, so a report can say so. Lower means more compact classes, i.e. more of the
 * information about non-target classes erased.
 *
 * <p>Streaming: per class it keeps n_c, the sum of d_i = p_ic - s_c and the sum of ||d_i||^2,
 * and uses {@code v_c = (sum ||d||^2)/n_c - ||(sum d)/n_c||^2}, which holds for any shift s_c
 * because the variance does not depend on it.
 *
 * <p>Catastrophic cancellation: with s_c = 0 (the textbook sums of p and ||p||^2) the two
 * terms are both near ||pbar_c||^2, up to 1, while v_c of a confident, compact class can be
 * 1e-8 or less; their difference then keeps only the last few digits, the rest being rounding
 * error of order 1e-16 * n_c. Two remedies are combined: s_c is the first sample seen of class
 * c, so the sums are of deviations of the size of the spread rather than of the probabilities,
 * and every sum is compensated (Neumaier), so its error stays a few ulps whatever n_c. A
 * difference still rounded below 0 is returned as 0, the variance being non-negative.
 *
 * <p>Memory: about 3 K^2 doubles (24 MB for K = 1000), independent of the number of samples.
 */
public final class StabilityMetric implements Metric {

    private final int numClasses;
    private final BatchCheck check;
    private final long[] counts;
    private final double[][] shifts;
    private final double[][] deviationSums;
    private final double[][] deviationCompensations;
    private final CompensatedSum[] squareSums;

    /** @param numClasses K, the number of classes (width of every probability row) */
    public StabilityMetric(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("stability needs at least 1 class, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.check = new BatchCheck(name(), numClasses);
        counts = new long[numClasses];
        shifts = new double[numClasses][];
        deviationSums = new double[numClasses][];
        deviationCompensations = new double[numClasses][];
        squareSums = new CompensatedSum[numClasses];
    }

    @Override
    public String name() {
        return "stability";
    }

    @Override
    public void add(double[][] probabilities, int[] labels, double[][] reference) {
        check.check(probabilities, labels);
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            double[] p = probabilities[i];
            if (counts[c] == 0) {
                shifts[c] = p.clone();
                deviationSums[c] = new double[numClasses];
                deviationCompensations[c] = new double[numClasses];
                squareSums[c] = new CompensatedSum();
            }
            counts[c]++;
            double squaredNorm = 0;
            for (int j = 0; j < numClasses; j++) {
                double d = p[j] - shifts[c][j];
                CompensatedSum.add(deviationSums[c], deviationCompensations[c], j, d);
                squaredNorm += d * d;
            }
            squareSums[c].add(squaredNorm);
        }
    }

    /** 1-S over the classes seen so far; NaN when nothing was added. */
    @Override
    public double result() {
        CompensatedSum sum = new CompensatedSum();
        int present = 0;
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] > 0) {
                sum.add(classVariance(c));
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum.value() / present;
    }

    /** v_c, the mean squared distance of class c's predictions to their mean; NaN when empty. */
    public double classVariance(int c) {
        if (c < 0 || c >= numClasses) {
            throw new IllegalArgumentException("class " + c + " is outside [0, " + numClasses + ")");
        }
        long n = counts[c];
        if (n == 0) {
            return Double.NaN;
        }
        double meanSquaredNorm = squareSums[c].value() / n;
        double squaredNormOfMean = 0;
        for (int j = 0; j < numClasses; j++) {
            double mean = (deviationSums[c][j] + deviationCompensations[c][j]) / n;
            squaredNormOfMean += mean * mean;
        }
        return Math.max(0.0, meanSquaredNorm - squaredNormOfMean);
    }

    /** n_c, the number of samples of true class c added so far. */
    public long classCount(int c) {
        if (c < 0 || c >= numClasses) {
            throw new IllegalArgumentException("class " + c + " is outside [0, " + numClasses + ")");
        }
        return counts[c];
    }

    /** K - K': how many classes had no sample and were left out of the mean. */
    public int classesLeftOut() {
        int empty = 0;
        for (long n : counts) {
            if (n == 0) {
                empty++;
            }
        }
        return empty;
    }
}
