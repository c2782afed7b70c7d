package io.lskd.graph;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable SameDiff graph: a {@link Network} built in training and inference mode, a loss
 * from a {@link GraphDistiller}, PyTorch-exact {@link Adam}, the builder's {@link Constraint}s
 * applied after each update, and batch-norm running statistics updated after each step. The training step is ours rather than {@code SameDiff.fit}, so that
 * the learning rate can follow any per-step schedule and the running statistics are updated
 * from the same forward pass that computed the gradients.
 */
public final class GraphModel {

    public static final String INPUT = "input";
    public static final String TARGETS = "targets";
    public static final String TEACHER_LOGITS = "teacher_logits";
    /** The files of {@link #saveState}. */
    public static final String MODEL_FILE = "model.sd";
    public static final String OPTIMIZER_FILE = "optimizer.bin";
    private static final String OPTIMIZER_MAGIC = "lskd-adam-1";

    private final SameDiff sd;
    private final String trainLogits;
    private final String evalLogits;
    private final String loss;
    private final List<String> trainables;
    private final List<BatchNormState> batchNorms;
    private final Map<String, Constraint> constraints;
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
        this.constraints = g.constraints();
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
     * Named variables of the inference pass for an input batch (a layer's activations, say).
     * The caller owns the returned arrays.
     */
    public Map<String, INDArray> outputs(INDArray input, List<String> names) {
        for (String name : names) {
            if (!sd.hasVariable(name)) {
                throw new IllegalArgumentException("the graph has no variable '" + name + "'");
            }
        }
        return sd.output(Map.of(INPUT, input.castTo(dataType)), names.toArray(new String[0]));
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
            constraints.forEach((name, constraint) -> constraint.apply(sd.getVariable(name).getArr()));
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

    /**
     * Writes everything training needs to continue exactly: the graph with its parameters
     * (latent weights included) and running statistics as {@code model.sd}, and the optimiser's
     * state (step count and moments) as {@code optimizer.bin}, into a folder.
     */
    public void saveState(Path dir) throws IOException {
        Files.createDirectories(dir);
        save(dir.resolve(MODEL_FILE));
        Adam.State state = adam.state();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(dir.resolve(OPTIMIZER_FILE))))) {
            out.writeUTF(OPTIMIZER_MAGIC);
            out.writeLong(state.step());
            out.writeInt(state.firstMoments().size());
            for (String name : state.firstMoments().keySet()) {
                out.writeUTF(name);
                Nd4j.write(state.firstMoments().get(name), out);
                Nd4j.write(state.secondMoments().get(name), out);
            }
        }
    }

    /**
     * Replaces this model's parameters, running statistics and optimiser state by what
     * {@link #saveState} wrote; the model must have been built from the same network.
     *
     * @throws IOException when a file is missing or does not fit this model (the message names it)
     */
    public void loadState(Path dir) throws IOException {
        Path modelFile = dir.resolve(MODEL_FILE);
        Path optimizerFile = dir.resolve(OPTIMIZER_FILE);
        for (Path file : List.of(modelFile, optimizerFile)) {
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": missing; a saved model state has " + MODEL_FILE + " and "
                        + OPTIMIZER_FILE);
            }
        }
        SameDiff saved = SameDiff.load(modelFile.toFile(), false);
        Map<String, INDArray> mine = parameters();
        Map<String, INDArray> theirs = new LinkedHashMap<>();
        for (SDVariable v : saved.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                theirs.put(v.name(), v.getArr());
            }
        }
        if (!mine.keySet().equals(theirs.keySet())) {
            throw new IOException(modelFile + ": its variables " + theirs.keySet() + " are not this model's "
                    + mine.keySet());
        }
        for (Map.Entry<String, INDArray> e : theirs.entrySet()) {
            INDArray target = mine.get(e.getKey());
            if (!java.util.Arrays.equals(target.shape(), e.getValue().shape())
                    || target.dataType() != e.getValue().dataType()) {
                throw new IOException(modelFile + ": variable " + e.getKey() + " is " + e.getValue().dataType()
                        + java.util.Arrays.toString(e.getValue().shape()) + ", this model's is " + target.dataType()
                        + java.util.Arrays.toString(target.shape()));
            }
        }
        Adam.State state;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(optimizerFile)))) {
            if (!OPTIMIZER_MAGIC.equals(in.readUTF())) {
                throw new IOException(optimizerFile + ": not an lskd optimiser state");
            }
            long step = in.readLong();
            int n = in.readInt();
            Map<String, INDArray> first = new LinkedHashMap<>();
            Map<String, INDArray> second = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                if (!trainables.contains(name)) {
                    throw new IOException(optimizerFile + ": moments for '" + name + "', which this model does not train");
                }
                first.put(name, Nd4j.read(in));
                second.put(name, Nd4j.read(in));
            }
            state = new Adam.State(step, first, second);
        }
        theirs.forEach((name, array) -> mine.get(name).assign(array));
        adam.restore(state);
    }

    /** Writes the graph with its parameters and running statistics. */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        sd.save(file.toFile(), false);
    }
}
