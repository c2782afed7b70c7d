package io.lskd.graph;

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
    private final GraphBuilder.Classifier classifier;
    private final String loss;
    /** Loss term name to graph variable name, in the distiller's order. */
    private final Map<String, String> terms;
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
        this.classifier = g.classifier();
        this.trainables = g.trainableNames();
        this.batchNorms = g.batchNorms();
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
        nativeMemory.release(java.util.List.of(), java.util.List.of());
        return out;
    }

    /**
     * Inference-mode logits [B, K] and the penultimate activations [B, d] feeding the layer the
     * network marked with {@link GraphBuilder#classifier}, from one forward pass.
     *
     * @return {logits, features}
     * @throws IllegalStateException when the network marked no classifier layer
     */
    public INDArray[] logitsAndFeatures(INDArray input) {
        String features = requireClassifier().features();
        Map<String, INDArray> out = sd.output(Map.of(INPUT, input.castTo(dataType)), evalLogits, features);
        nativeMemory.release(java.util.List.of(), java.util.List.of());
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

    private GraphBuilder.Classifier requireClassifier() {
        if (classifier == null) {
            throw new IllegalStateException("the network marks no classifier layer (GraphBuilder.classifier), so it"
                    + " has no penultimate activations or class templates to analyse");
        }
        return classifier;
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
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                out.put(v.name(), v.getArr());
            }
        }
        return out;
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
