package io.lskd.graph;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import io.lskd.files.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.common.util.ArrayUtil;
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
    private final GraphBuilder.Classifier classifier;
    private final String loss;
    /** Loss term name to graph variable name, in the distiller's order. */
    private final Map<String, String> terms;
    private final List<String> trainables;
    private final List<BatchNormState> batchNorms;
    private final Map<String, Constraint> constraints;
    private final List<String> stepOutputs;
    private final boolean needsTeacher;
    private final DataType dataType;
    private final Adam adam = new Adam();
    private final NativeMemory nativeMemory;

    /**
     * @param inputShape the per-sample input shape (without the batch dimension)
     * @param numClasses K
     * @param seed the initialisation seed: equal seeds give equal initial weights
     */
    public GraphModel(Network network, GraphDistiller distiller, long[] inputShape, int numClasses,
                      DataType dataType, long seed) {
        this.dataType = dataType;
        this.nativeMemory = new NativeMemory(network.trainingStepsPerCollection(ArrayUtil.prodLong(inputShape)));
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
        this.classifier = g.classifier();
        this.trainables = g.trainableNames();
        this.batchNorms = g.batchNorms();
        this.constraints = g.constraints();
        this.needsTeacher = distiller.needsTeacher();
        SDVariable targets = sd.placeHolder(TARGETS, dataType, -1, numClasses);
        SDVariable teacher = needsTeacher ? sd.placeHolder(TEACHER_LOGITS, dataType, -1, numClasses) : null;
        Map<String, SDVariable> termVariables = distiller.lossTerms(sd, train, teacher, targets);
        this.loss = GraphDistiller.sum(termVariables).name();
        Map<String, String> termNames = new LinkedHashMap<>();
        termVariables.forEach((term, v) -> termNames.put(term, v.name()));
        this.terms = Collections.unmodifiableMap(termNames);
        sd.setLossVariables(loss);
        List<String> outputs = new ArrayList<>();
        outputs.add(loss);
        outputs.add(trainLogits);
        for (String name : terms.values()) {
            if (!outputs.contains(name)) {
                outputs.add(name);
            }
        }
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
        synchronized (GraphModel.class) { // models built concurrently must not save each other's muted stream
            PrintStream out = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    /**
     * Logits in inference mode (running batch-norm statistics), [B, K]. Synchronized: a
     * teacher serves students training concurrently, and a SameDiff instance is not thread-safe.
     */
    public synchronized INDArray logits(INDArray input) {
        INDArray out = sd.output(Map.of(INPUT, input.castTo(dataType)), evalLogits).get(evalLogits);
        nativeMemory.afterInference();
        return out;
    }

    /**
     * Inference-mode logits [B, K] and the penultimate activations [B, d] feeding the layer the
     * network marked with {@link GraphBuilder#classifier}, from one forward pass.
     *
     * @return {logits, features}
     * @throws IllegalStateException when the network marked no classifier layer
     */
    public synchronized INDArray[] logitsAndFeatures(INDArray input) {
        String features = requireClassifier().features();
        Map<String, INDArray> out = sd.output(Map.of(INPUT, input.castTo(dataType)), evalLogits, features);
        nativeMemory.afterInference();
        return new INDArray[] {out.get(evalLogits), out.get(features)};
    }

    /**
     * The class templates of Müller et al.: row c is the last layer's weight column for class c
     * with its bias appended, [K][d + 1], so that logit_c = templates[c] . (x, 1).
     */
    public double[][] templates() {
        GraphBuilder.Classifier layer = requireClassifier();
        double[][] w = sd.getVariable(layer.weights()).getArr().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] b = sd.getVariable(layer.bias()).getArr().castTo(DataType.DOUBLE).toDoubleVector();
        double[][] templates = new double[b.length][w.length + 1];
        for (int c = 0; c < b.length; c++) {
            for (int i = 0; i < w.length; i++) {
                templates[c][i] = w[i][c];
            }
            templates[c][w.length] = b[c];
        }
        return templates;
    }

    /** Whether the network marked its classifier layer ({@link GraphBuilder#classifier}), so features and templates exist. */
    public boolean hasClassifier() {
        return classifier != null;
    }

    private GraphBuilder.Classifier requireClassifier() {
        if (classifier == null) {
            throw new IllegalStateException("the network marks no classifier layer (GraphBuilder.classifier), so it"
                    + " has no penultimate activations or class templates to analyse");
        }
        return classifier;
    }

    /**
     * Named variables of the inference pass for an input batch (a layer's activations, say).
     * The caller owns the returned arrays.
     */
    public synchronized Map<String, INDArray> outputs(INDArray input, List<String> names) {
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
        return trainStep(input, targets, teacherLogits, learningRate).loss();
    }

    /**
     * One Adam step on a batch, with what the forward pass computed before the update.
     *
     * @param teacherLogits [B, K], or null when the loss needs no teacher
     */
    public StepResult trainStep(INDArray input, INDArray targets, INDArray teacherLogits, double learningRate) {
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
        Map<String, Double> termValues = new LinkedHashMap<>();
        terms.forEach((term, variable) -> termValues.put(term, outputs.get(variable).getDouble(0)));
        double[][] logits = outputs.get(trainLogits).castTo(DataType.DOUBLE).toDoubleMatrix();
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
        nativeMemory.afterTrainingStep(sd, produced, gradients.values());
        return new StepResult(lossValue, termValues, logits);
    }

    /** The names of the loss's terms, in order (one, "loss" or the distiller's own, for a single-term loss). */
    public Set<String> lossTermNames() {
        return terms.keySet();
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
        return SavedParameters.variables(sd);
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
        try {
            AtomicFiles.write(dir.resolve(OPTIMIZER_FILE), stream -> {
                DataOutputStream out = new DataOutputStream(stream);
                out.writeUTF(OPTIMIZER_MAGIC);
                out.writeLong(state.step());
                out.writeInt(state.firstMoments().size());
                for (String name : state.firstMoments().keySet()) {
                    out.writeUTF(name);
                    Nd4j.write(state.firstMoments().get(name), out);
                    Nd4j.write(state.secondMoments().get(name), out);
                }
                out.flush();
            });
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
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
        SavedParameters.restore(saved, parameters(), source);
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
        Map<String, INDArray> mine = parameters();
        Map<String, INDArray> theirs = SavedParameters.read(modelFile, "model");
        try {
            SavedParameters.checkFits(theirs, mine, modelFile.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
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

    /**
     * Loads the parameters and running statistics of a graph written by {@link #save} for the
     * same architecture.
     *
     * @throws IOException when the file cannot be read or holds another architecture
     */
    public void loadParameters(Path file) throws IOException {
        SavedParameters.load(file, "model", parameters());
    }

    /**
     * Writes the graph with its parameters and running statistics, atomically.
     *
     * @throws IOException naming the file when it cannot be written (e.g. a full disk)
     */
    public void save(Path file) throws IOException {
        SavedParameters.write(sd, file);
    }
}
