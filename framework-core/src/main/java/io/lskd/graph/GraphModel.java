package io.lskd.graph;

import io.lskd.files.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable SameDiff graph: a {@link Network} built in training and inference mode, a loss
 * from a {@link GraphDistiller}, PyTorch-exact {@link Adam}, and batch-norm running statistics
 * updated after each step. The training step is ours rather than {@code SameDiff.fit}, so that
 * the learning rate can follow any per-step schedule and the running statistics are updated
 * from the same forward pass that computed the gradients.
 */
public final class GraphModel {

    public static final String INPUT = "input";
    public static final String TARGETS = "targets";
    public static final String TEACHER_LOGITS = "teacher_logits";

    private final SameDiff sd;
    private final String trainLogits;
    private final String evalLogits;
    private final String loss;
    private final List<String> trainables;
    private final List<BatchNormState> batchNorms;
    private final List<String> stepOutputs;
    private final boolean needsTeacher;
    private final DataType dataType;
    private final Adam adam = new Adam();
    private final NativeMemory nativeMemory = new NativeMemory();

    /**
     * @param inputShape the per-sample input shape (without the batch dimension)
     * @param numClasses K
     * @param seed the initialisation seed: equal seeds give equal initial weights
     */
    public GraphModel(Network network, GraphDistiller distiller, long[] inputShape, int numClasses,
                      DataType dataType, long seed) {
        this.dataType = dataType;
        this.sd = SameDiff.create();
        long[] batchShape = new long[inputShape.length + 1];
        batchShape[0] = -1;
        System.arraycopy(inputShape, 0, batchShape, 1, inputShape.length);
        SDVariable input = sd.placeHolder(INPUT, dataType, batchShape);
        GraphBuilder g = new GraphBuilder(sd, dataType, seed);
        SDVariable train = network.forward(g.training(true), input);
        SDVariable eval = network.forward(g.training(false), input);
        this.trainLogits = train.name();
        this.evalLogits = eval.name();
        this.trainables = g.trainableNames();
        this.batchNorms = g.batchNorms();
        this.needsTeacher = distiller.needsTeacher();
        SDVariable targets = sd.placeHolder(TARGETS, dataType, -1, numClasses);
        SDVariable teacher = needsTeacher ? sd.placeHolder(TEACHER_LOGITS, dataType, -1, numClasses) : null;
        this.loss = distiller.lossGraph(sd, train, teacher, targets).name();
        sd.setLossVariables(loss);
        List<String> outputs = new ArrayList<>();
        outputs.add(loss);
        for (BatchNormState bn : batchNorms) {
            outputs.add(bn.input());
            outputs.add(bn.batchMean());
            outputs.add(bn.batchVar());
        }
        this.stepOutputs = List.copyOf(outputs);
        createGradientsQuietly(sd);
    }

    /**
     * Builds the gradient graph now rather than on the first step. SameDiff M2.1 prints
     * "Added differentiated op ..." to standard output for each op while doing so, which would
     * mix with the CLI's results, so standard output is muted meanwhile.
     */
    private static void createGradientsQuietly(SameDiff sd) {
        PrintStream out = System.out;
        synchronized (GraphModel.class) {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    /** Logits in inference mode (running batch-norm statistics), [B, K]. */
    public INDArray logits(INDArray input) {
        INDArray out = sd.output(Map.of(INPUT, input.castTo(dataType)), evalLogits).get(evalLogits);
        nativeMemory.release(java.util.List.of(), java.util.List.of());
        return out;
    }

    /**
     * One Adam step on a batch.
     *
     * @param teacherLogits [B, K], or null when the loss needs no teacher
     * @return the batch-mean loss before the step
     */
    public double step(INDArray input, INDArray targets, INDArray teacherLogits, double learningRate) {
        Map<String, INDArray> placeholders = new HashMap<>();
        placeholders.put(INPUT, input.castTo(dataType));
        placeholders.put(TARGETS, targets.castTo(dataType));
        if (needsTeacher) {
            if (teacherLogits == null) {
                throw new IllegalArgumentException("this model's loss needs teacher logits, none were given");
            }
            placeholders.put(TEACHER_LOGITS, teacherLogits.castTo(dataType));
        }
        OutAndGrad result = sd.calculateGradientsAndOutputs(placeholders, stepOutputs, trainables);
        Map<String, INDArray> outputs = result.getOutputs();
        Map<String, INDArray> gradients = result.getGradients();
        double lossValue = outputs.get(loss).getDouble(0);
        if (Double.isFinite(lossValue)) { // else the caller stops the run before any parameter changes
            adam.nextStep();
            for (String name : trainables) {
                adam.update(name, sd.getVariable(name).getArr(), gradients.get(name), learningRate);
            }
            for (BatchNormState bn : batchNorms) {
                bn.update(sd, outputs);
            }
        }
        // a BN layer on the raw input hands back the caller's own input array: keep those open
        List<INDArray> produced = new ArrayList<>();
        for (INDArray array : outputs.values()) {
            if (placeholders.values().stream().noneMatch(p -> p == array)) {
                produced.add(array);
            }
        }
        nativeMemory.release(produced, gradients.values());
        return lossValue;
    }

    /** The number of trained parameters. */
    public long parameterCount() {
        long n = 0;
        for (String name : trainables) {
            n += sd.getVariable(name).getArr().length();
        }
        return n;
    }

    /** Trained parameters and batch-norm running statistics, by variable name, in build order. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                out.put(v.name(), v.getArr());
            }
        }
        return out;
    }

    /** The optimiser, whose moments and step a checkpoint keeps. */
    Adam optimizer() {
        return adam;
    }

    /**
     * Overwrites every parameter and running statistic with a saved value of the same name,
     * shape and type, bit for bit.
     *
     * @param source where the values come from, for error messages
     */
    public void restoreParameters(Map<String, INDArray> saved, String source) {
        Map<String, INDArray> current = parameters();
        if (!saved.keySet().equals(current.keySet())) {
            throw new IllegalArgumentException(source + " holds parameters " + new java.util.TreeSet<>(saved.keySet())
                    + " but this model has " + new java.util.TreeSet<>(current.keySet()));
        }
        for (Map.Entry<String, INDArray> e : current.entrySet()) {
            INDArray value = saved.get(e.getKey());
            INDArray target = e.getValue();
            if (!java.util.Arrays.equals(value.shape(), target.shape()) || value.dataType() != target.dataType()) {
                throw new IllegalArgumentException(source + ": parameter '" + e.getKey() + "' is "
                        + value.dataType() + java.util.Arrays.toString(value.shape()) + ", the model's is "
                        + target.dataType() + java.util.Arrays.toString(target.shape()));
            }
            target.assign(value);
        }
    }

    /**
     * Loads the parameters and running statistics of a graph written by {@link #save} for the
     * same architecture.
     *
     * @throws IOException when the file cannot be read or holds another architecture
     */
    public void loadParameters(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no saved model at " + file);
        }
        SameDiff saved;
        try {
            saved = SameDiff.load(file.toFile(), false);
        } catch (RuntimeException e) {
            throw new IOException("cannot read the saved model " + file + ": " + e.getMessage(), e);
        }
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (SDVariable v : saved.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                values.put(v.name(), v.getArr());
            }
        }
        try {
            restoreParameters(values, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Writes the graph with its parameters and running statistics, atomically.
     *
     * @throws IOException naming the file when it cannot be written (e.g. a full disk)
     */
    public void save(Path file) throws IOException {
        try {
            AtomicFiles.writeFile(file, tmp -> sd.save(tmp.toFile(), false));
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }
}
