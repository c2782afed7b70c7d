package io.lskd.smooth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What {@link OnlineLabelSmoother} has learnt, as one JSON file: the soft-label matrix S in use
 * (row c: the soft label of class c), the running sums and counts of the epoch in progress, and
 * how many epochs have ended. Saved with {@link #save} (written to a temporary name, then
 * renamed) and read back with {@link #read}.
 *
 * @param alpha the smoother's weight of the soft labels
 * @param numClasses K
 * @param epochs the number of epochs ended (S was last rebuilt after that many)
 * @param soft S, [K][K], each row a distribution
 * @param sums per true class, the sum of the correctly classified samples' probabilities, [K][K]
 * @param counts per true class, how many samples were added to {@code sums}
 */
public record OnlineLabelSmoothingState(double alpha, int numClasses, int epochs, double[][] soft, double[][] sums,
                                        long[] counts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public OnlineLabelSmoothingState {
        if (soft.length != numClasses || sums.length != numClasses || counts.length != numClasses) {
            throw new IllegalArgumentException("online label smoothing state: S, sums and counts must have "
                    + numClasses + " rows");
        }
        for (int c = 0; c < numClasses; c++) {
            if (soft[c].length != numClasses || sums[c].length != numClasses) {
                throw new IllegalArgumentException("online label smoothing state: row " + c + " must have "
                        + numClasses + " entries");
            }
        }
    }

    /** A deep copy. */
    OnlineLabelSmoothingState copy() {
        double[][] s = new double[numClasses][];
        double[][] m = new double[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            s[c] = soft[c].clone();
            m[c] = sums[c].clone();
        }
        return new OnlineLabelSmoothingState(alpha, numClasses, epochs, s, m, counts.clone());
    }

    /** Writes this state to {@code file}, through a temporary file, so a crash leaves the old one whole. */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a state written by {@link #save}; a missing or malformed file is an IOException naming it. */
    public static OnlineLabelSmoothingState read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), OnlineLabelSmoothingState.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot read the online label smoothing state " + file + ": " + e.getMessage(), e);
        }
    }
}
