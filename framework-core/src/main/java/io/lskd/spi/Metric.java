package io.lskd.spi;

/**
 * A streaming evaluation metric: feed batches with {@link #add}, read with {@link #result}.
 * Implementations keep running sums, never every prediction.
 */
public interface Metric {

    /** The name under which the result is reported, e.g. {@code "top1"}. */
    String name();

    /**
     * Adds a batch of predictions.
     *
     * @param probabilities the model's softmax outputs, [B][K]
     * @param labels true classes, [B]
     * @param reference the reference model's probabilities (for teacher-student agreement), or
     *     null when there is none; metrics that do not need it ignore it
     */
    void add(double[][] probabilities, int[] labels, double[][] reference);

    /** The value over everything added so far; NaN when nothing was added. */
    double result();
}
