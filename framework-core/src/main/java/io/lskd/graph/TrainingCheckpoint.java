package io.lskd.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.files.ArrayFile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a classifier's training needs to continue exactly where it stopped: the model's
 * parameters and batch-norm running statistics, Adam's moments and step, the position (after
 * step {@code step} of epoch {@code epoch}, 1-based; {@code step == stepsPerEpoch} when the
 * epoch was finished and reported), the running loss sum of a partly done epoch, and the state
 * of every {@link io.lskd.spi.StatefulComponent} by component name. The data order needs no
 * state beyond the data seed: each epoch's order is a function of (data seed, epoch). Public
 * for task modules with a training loop of their own (translation), which write and read the
 * same files through {@link CheckpointFolder}.
 */
public record TrainingCheckpoint(int epoch, int step, int stepsPerEpoch, long globalStep, long dataSeed, double lossSum,
                          long adamStep, Map<String, INDArray> parameters, Map<String, INDArray> firstMoments,
                          Map<String, INDArray> secondMoments, Map<String, Map<String, double[]>> components) {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARAMETER = "param/";
    private static final String FIRST_MOMENT = "adam.m/";
    private static final String SECOND_MOMENT = "adam.v/";
    private static final String COMPONENT = "component/";
    private static final String LOSS_SUM = "trainer/loss_sum";

    /** Whether the checkpoint was written at the end of its epoch. */
    public boolean epochFinished() {
        return step == stepsPerEpoch;
    }

    /**
     * Refuses a checkpoint that another run left in this run's folder: one written with another
     * data seed or epoch length would silently continue a different recipe.
     *
     * @param folder where the checkpoint was read, for the message
     * @throws IllegalStateException naming the folder and both runs' values
     */
    public void requireRun(long runDataSeed, int runStepsPerEpoch, java.nio.file.Path folder) {
        if (dataSeed != runDataSeed || stepsPerEpoch != runStepsPerEpoch) {
            throw new IllegalStateException("the checkpoint in " + folder + " was written with data seed "
                    + dataSeed + " and " + stepsPerEpoch + " steps per epoch, this run has " + runDataSeed
                    + " and " + runStepsPerEpoch + "; it belongs to another run");
        }
    }

    /** The file's header text and arrays. */
    void write(java.nio.file.Path file) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", FORMAT);
        header.put("epoch", epoch);
        header.put("step", step);
        header.put("stepsPerEpoch", stepsPerEpoch);
        header.put("globalStep", globalStep);
        header.put("dataSeed", dataSeed);
        header.put("adamStep", adamStep);
        Map<String, ArrayFile.Array> arrays = new LinkedHashMap<>();
        parameters.forEach((name, a) -> arrays.put(PARAMETER + name, toArray(a)));
        firstMoments.forEach((name, a) -> arrays.put(FIRST_MOMENT + name, toArray(a)));
        secondMoments.forEach((name, a) -> arrays.put(SECOND_MOMENT + name, toArray(a)));
        components.forEach((component, state) -> state.forEach((name, values) ->
                arrays.put(COMPONENT + component + "/" + name, ArrayFile.Array.of(new long[] {values.length}, values))));
        arrays.put(LOSS_SUM, ArrayFile.Array.of(new long[] {1}, new double[] {lossSum}));
        try {
            ArrayFile.write(file, JSON.writeValueAsString(header), arrays);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON header", e);
        }
    }

    /** Reads a checkpoint file; the error names the file and what is wrong. */
    static TrainingCheckpoint read(java.nio.file.Path file) throws IOException {
        ArrayFile.Contents contents = ArrayFile.read(file);
        JsonNode header = JSON.readTree(contents.header());
        if (header.path("format").asInt() != FORMAT) {
            throw new IOException(file + ": checkpoint format " + header.path("format") + ", this lskd reads "
                    + FORMAT);
        }
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        Map<String, INDArray> first = new LinkedHashMap<>();
        Map<String, INDArray> second = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> components = new LinkedHashMap<>();
        double lossSum = Double.NaN;
        for (Map.Entry<String, ArrayFile.Array> e : contents.arrays().entrySet()) {
            String name = e.getKey();
            ArrayFile.Array a = e.getValue();
            if (name.startsWith(PARAMETER)) {
                parameters.put(name.substring(PARAMETER.length()), toIndArray(a));
            } else if (name.startsWith(FIRST_MOMENT)) {
                first.put(name.substring(FIRST_MOMENT.length()), toIndArray(a));
            } else if (name.startsWith(SECOND_MOMENT)) {
                second.put(name.substring(SECOND_MOMENT.length()), toIndArray(a));
            } else if (name.startsWith(COMPONENT)) {
                String rest = name.substring(COMPONENT.length());
                int slash = rest.indexOf('/');
                components.computeIfAbsent(rest.substring(0, slash), k -> new LinkedHashMap<>())
                        .put(rest.substring(slash + 1), a.doubles());
            } else if (name.equals(LOSS_SUM)) {
                lossSum = a.doubles()[0];
            } else {
                throw new IOException(file + ": unknown array '" + name + "'");
            }
        }
        return new TrainingCheckpoint(header.path("epoch").asInt(), header.path("step").asInt(),
                header.path("stepsPerEpoch").asInt(), header.path("globalStep").asLong(),
                header.path("dataSeed").asLong(), lossSum, header.path("adamStep").asLong(), parameters, first,
                second, components);
    }

    private static ArrayFile.Array toArray(INDArray a) {
        INDArray c = a.dup('c');
        if (a.dataType() == DataType.FLOAT) {
            return ArrayFile.Array.of(a.shape(), c.data().asFloat());
        }
        if (a.dataType() == DataType.DOUBLE) {
            return ArrayFile.Array.of(a.shape(), c.data().asDouble());
        }
        throw new IllegalArgumentException("checkpoints hold float32 and float64 arrays, got " + a.dataType());
    }

    private static INDArray toIndArray(ArrayFile.Array a) {
        return a.isDouble() ? Nd4j.create(a.doubles(), a.shape(), 'c') : Nd4j.create(a.floats(), a.shape(), 'c');
    }
}
