package io.lskd.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the standard metrics ({@link MetricSet#standard}) from files: the inputs of
 * {@code lskd metrics --probs P.csv --labels L.csv [--reference R.csv]}.
 *
 * <p>Formats (read by {@link NumericCsv}: commas, whitespace around fields tolerated, blank
 * lines skipped, an optional header line skipped when it does not parse as numbers):
 * <ul>
 *   <li>probabilities: one row per sample, K comma-separated probabilities; K is the number
 *       of columns of the first data row;</li>
 *   <li>labels: one integer in {@code [0, K)} per line (a one-column CSV);</li>
 *   <li>reference (optional): probabilities of a reference model (the teacher), same shape.</li>
 * </ul>
 * Row i of every file belongs to sample i. A probability row must have K columns of finite,
 * non-negative numbers summing to 1 within 1e-3 (what a softmax written
 * as text, even in single precision, satisfies; anything further off is not a distribution).
 *
 * <p>Every problem is an {@link InputFormatException} naming the file, the line and what is
 * wrong: a wrong column count, a field that is not a number, a negative or non-finite
 * probability, a row that does not sum to 1, a label that is not an integer or is out of
 * range, files of different row counts.
 *
 * <p>The files are streamed: rows are read in lockstep and fed to the metrics in chunks of
 * 4096, so memory does not grow with the number of samples.
 */
public final class ProbabilityFiles {

    /** Rows per batch fed to the metrics. */
    static final int CHUNK_ROWS = 4096;

    /** Largest accepted |sum of a probability row - 1|. */
    static final double SUM_TOLERANCE = 1e-3;

    private ProbabilityFiles() {
    }

    /** The standard metrics of the probabilities in {@code probs} against {@code labels}. */
    public static Map<String, Double> evaluate(Path probs, Path labels) throws IOException {
        return evaluate(probs, labels, Optional.empty());
    }

    /**
     * The standard metrics, with agreement when a reference probabilities file is given.
     *
     * @throws InputFormatException when a file's content is wrong (names file and line)
     * @throws IOException when a file cannot be read
     */
    public static Map<String, Double> evaluate(Path probs, Path labels, Optional<Path> reference)
            throws IOException {
        return compute(probs, labels, reference).results();
    }

    /**
     * The standard metric set after all rows were added, for callers that want more than the
     * results (e.g. the ECE reliability bins via {@link MetricSet#get}).
     *
     * @throws InputFormatException when a file's content is wrong (names file and line)
     * @throws IOException when a file cannot be read
     */
    public static MetricSet compute(Path probs, Path labels, Optional<Path> reference) throws IOException {
        try (NumericCsv probsCsv = new NumericCsv(probs);
                NumericCsv labelsCsv = new NumericCsv(labels);
                NumericCsv referenceCsv = reference.isPresent() ? new NumericCsv(reference.get()) : null) {
            String[] first = probsCsv.next();
            if (first == null) {
                throw new InputFormatException(probs, 0, "no probability rows");
            }
            int numClasses = first.length;
            MetricSet metrics = MetricSet.standard(numClasses, referenceCsv != null);
            double[][] p = new double[CHUNK_ROWS][];
            int[] y = new int[CHUNK_ROWS];
            double[][] r = referenceCsv == null ? null : new double[CHUNK_ROWS][];
            long rows = 0;
            int filled = 0;
            for (String[] fields = first; fields != null; fields = probsCsv.next()) {
                p[filled] = probabilityRow(probsCsv, fields, numClasses);
                y[filled] = label(labelsCsv, probsCsv, rows, numClasses);
                if (referenceCsv != null) {
                    String[] referenceFields = nextOrMissing(referenceCsv, probsCsv, rows);
                    r[filled] = probabilityRow(referenceCsv, referenceFields, numClasses);
                }
                rows++;
                filled++;
                if (filled == CHUNK_ROWS) {
                    metrics.add(p, y, r);
                    filled = 0;
                }
            }
            if (filled > 0) {
                metrics.add(Arrays.copyOf(p, filled), Arrays.copyOf(y, filled),
                        r == null ? null : Arrays.copyOf(r, filled));
            }
            checkNoExtraRows(labelsCsv, probsCsv, rows);
            if (referenceCsv != null) {
                checkNoExtraRows(referenceCsv, probsCsv, rows);
            }
            return metrics;
        }
    }

    private static double[] probabilityRow(NumericCsv csv, String[] fields, int numClasses)
            throws InputFormatException {
        if (fields.length != numClasses) {
            throw csv.error("expected " + numClasses + " columns, found " + fields.length);
        }
        double[] row = new double[numClasses];
        double sum = 0;
        for (int j = 0; j < numClasses; j++) {
            row[j] = csv.number(fields, j);
            if (!Double.isFinite(row[j]) || row[j] < 0) {
                throw csv.error("column " + (j + 1) + ": probability " + fields[j] + " is not a finite non-negative number");
            }
            sum += row[j];
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw csv.error("probabilities sum to " + sum + ", not 1 within " + SUM_TOLERANCE);
        }
        return row;
    }

    private static int label(NumericCsv labels, NumericCsv probs, long rowsSoFar, int numClasses)
            throws IOException {
        String[] fields = nextOrMissing(labels, probs, rowsSoFar);
        if (fields.length != 1) {
            throw labels.error("expected 1 column (the label), found " + fields.length);
        }
        double value = labels.number(fields, 0);
        if (value != Math.rint(value)) {
            throw labels.error("label " + fields[0] + " is not an integer");
        }
        if (value < 0 || value >= numClasses) {
            throw labels.error("label " + fields[0] + " is outside [0, " + numClasses + ") (K from " + probs.file() + ")");
        }
        return (int) value;
    }

    /** The next record of {@code csv}, which must not end before {@code probs}. */
    private static String[] nextOrMissing(NumericCsv csv, NumericCsv probs, long rowsSoFar) throws IOException {
        String[] fields = csv.next();
        if (fields == null) {
            throw csv.error("ends after " + rowsSoFar + " rows, but " + probs.file() + " has more (row "
                    + (rowsSoFar + 1) + " at line " + probs.lineNumber() + ")");
        }
        return fields;
    }

    /** Fails when {@code csv} has rows left after {@code probs} ended. */
    private static void checkNoExtraRows(NumericCsv csv, NumericCsv probs, long rows) throws IOException {
        if (csv.next() != null) {
            throw csv.error("row " + (rows + 1) + " has no match: " + probs.file() + " ends after " + rows + " rows");
        }
    }
}
