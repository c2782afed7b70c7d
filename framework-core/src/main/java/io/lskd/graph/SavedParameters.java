package io.lskd.graph;

import io.lskd.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writing a SameDiff graph with its parameters, and putting saved parameters back into a
 * model's graph bit for bit: what every trainable graph (vision, binary, translation) shares.
 */
public final class SavedParameters {

    private SavedParameters() {
    }

    /**
     * Writes the graph with its variables, atomically (a crash leaves the old file or the new one).
     *
     * @throws IOException naming the file when it cannot be written (e.g. a full disk)
     */
    public static void write(SameDiff sd, Path file) throws IOException {
        try {
            AtomicFiles.writeFile(file, tmp -> sd.save(tmp.toFile(), false));
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }

    /**
     * The variables (parameters and running statistics) of a graph written by {@link #write}.
     *
     * @param what the kind of model, for messages ("model", "translation model")
     * @throws IOException naming the file when it is missing or unreadable
     */
    public static Map<String, INDArray> read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no saved " + what + " at " + file);
        }
        SameDiff saved;
        try {
            saved = SameDiff.load(file.toFile(), false);
        } catch (RuntimeException e) {
            throw new IOException("cannot read the saved " + what + " " + file + ": " + e.getMessage(), e);
        }
        return variables(saved);
    }

    /** A graph's variables (parameters and running statistics, not placeholders), by name, in build order. */
    public static Map<String, INDArray> variables(SameDiff sd) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                values.put(v.name(), v.getArr());
            }
        }
        return values;
    }

    /**
     * Checks that saved values have exactly the names, shapes and types of a model's.
     *
     * @param source where the values come from, for messages
     * @throws IllegalArgumentException naming the source and the value that does not fit
     */
    public static void checkFits(Map<String, INDArray> saved, Map<String, INDArray> current, String source) {
        if (!saved.keySet().equals(current.keySet())) {
            throw new IllegalArgumentException(source + " holds parameters " + new TreeSet<>(saved.keySet())
                    + " but this model has " + new TreeSet<>(current.keySet()));
        }
        current.forEach((name, target) -> {
            INDArray value = saved.get(name);
            if (!Arrays.equals(value.shape(), target.shape()) || value.dataType() != target.dataType()) {
                throw new IllegalArgumentException(source + ": parameter '" + name + "' is " + value.dataType()
                        + Arrays.toString(value.shape()) + ", this model's is " + target.dataType()
                        + Arrays.toString(target.shape()));
            }
        });
    }

    /** Overwrites each of a model's values with the saved one of its name, after {@link #checkFits}. */
    public static void restore(Map<String, INDArray> saved, Map<String, INDArray> current, String source) {
        checkFits(saved, current, source);
        current.forEach((name, target) -> target.assign(saved.get(name)));
    }

    /**
     * Reads a file written by {@link #write} into a model's values.
     *
     * @throws IOException naming the file when it is missing, unreadable or holds another model
     */
    public static void load(Path file, String what, Map<String, INDArray> current) throws IOException {
        Map<String, INDArray> saved = read(file, what);
        try {
            restore(saved, current, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
