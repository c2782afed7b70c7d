package io.lskd.vision.task;

import io.lskd.distill.PenalizedDistiller;
import io.lskd.graph.ClassifierTrainer;
import io.lskd.graph.GraphDistiller;
import io.lskd.graph.GraphModel;
import io.lskd.graph.Network;
import io.lskd.graph.TeacherLogits;
import io.lskd.graph.TeacherOutputCache;
import io.lskd.math.Softmax;
import io.lskd.metrics.MetricSet;
import io.lskd.metrics.NegativeLogLikelihood;
import io.lskd.metrics.StabilityMetric;
import io.lskd.metrics.TopKAccuracy;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.ModelOutputs;
import io.lskd.spi.SavableState;
import io.lskd.spi.Smoother;
import io.lskd.spi.SplitOutputs;
import io.lskd.spi.TaskSession;
import io.lskd.spi.TrainedModel;
import io.lskd.spi.TrainingMonitor;
import io.lskd.vision.data.Augmentation;
import io.lskd.vision.data.ImageSet;
import io.lskd.vision.data.Normalization;
import io.lskd.vision.data.Split;
import io.lskd.vision.model.ArmTrainer;
import io.lskd.vision.model.TrainedGraph;
import io.lskd.vision.model.VisionModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A vision task with its splits loaded. Metrics are computed in float64 from the logits
 * (RECIPES.md): the held-out split for every model, and for teachers also the stability on
 * the training split (the paper's Table 1 reports both).
 */
final class VisionSession implements TaskSession {

    /**
     * Steps timed per model for the suite's time estimate, after untimed ones: the first steps
     * create oneDNN's primitives and fault in fresh memory, and took 3x a later step's time.
     */
    private static final int WARMUP_STEPS = 4;
    private static final int TIMED_STEPS = 4;

    /** The teacher-output cache's name for logits of the unaugmented training split in inference mode. */
    static final String TRAIN_TRANSFORM = "train split, no augmentation, inference mode, batch ";

    private final VisionTaskSpec spec;
    private final ImageSet trainSet;
    private final ImageData train;
    private final ImageData test;
    private final Normalization normalization;

    VisionSession(VisionTaskSpec spec, ImageSet train, ImageSet test, Normalization normalization) {
        this.spec = spec;
        this.trainSet = train;
        this.train = new ImageData(train, normalization);
        this.test = new ImageData(test, normalization);
        this.normalization = normalization;
    }

    @Override
    public String datasetFingerprint() {
        return fingerprint(trainSet.fingerprint() + "/" + test.images().fingerprint() + "/" + normalization);
    }

    @Override
    public String describe() {
        ImageSet t = test.images();
        return String.format("%s: train %,d images (%s; %s), test %,d images, %dx%dx%d, %d classes, %s",
                spec.dataset(), trainSet.size(), trainSet.derivation(), trainSet.source(), t.size(),
                t.height(), t.width(), t.channels(), t.numClasses(), normalization);
    }

    @Override
    public int trainSize() {
        return trainSet.size();
    }

    @Override
    public TrainedModel train(ArmSpec arm, TrainingSpec training, long initSeed, long dataSeed, TrainedModel teacher,
                              TrainingMonitor monitor) {
        Smoother smoother = arm.smoother().create();
        GraphDistiller distiller = PenalizedDistiller.of(arm.distiller().create(), smoother);
        VisionModelSpec modelSpec = (VisionModelSpec) arm.model();
        DataType dataType = "float64".equals(training.precision()) ? DataType.DOUBLE : DataType.FLOAT;
        TeacherLogits teacherLogits = distiller.needsTeacher()
                ? teacherLogits((VisionModel) teacher, monitor.teacherOutputFolder()) : null;
        ArmTrainer trainer = new ArmTrainer() {
            @Override
            public int height() {
                return trainSet.height();
            }

            @Override
            public int width() {
                return trainSet.width();
            }

            @Override
            public int channels() {
                return trainSet.channels();
            }

            @Override
            public int numClasses() {
                return trainSet.numClasses();
            }

            @Override
            public TrainingSpec training() {
                return training;
            }

            @Override
            public long dataSeed() {
                return dataSeed;
            }

            @Override
            public TrainingMonitor monitor() {
                return monitor;
            }

            @Override
            public GraphModel newGraph(Network network) {
                return new GraphModel(network, distiller,
                        new long[] {trainSet.height(), trainSet.width(), trainSet.channels()},
                        trainSet.numClasses(), dataType, initSeed);
            }

            @Override
            public void train(GraphModel graph, TrainingSpec passTraining, long passDataSeed,
                              TrainingMonitor passMonitor) {
                // Augmentation draws from the data seed's own stream, so paired arms see the same images.
                ImageData trainData = spec.augmented()
                        ? new ImageData(trainSet, normalization,
                                new Augmentation(spec.cropPadding(), spec.horizontalFlip(), passDataSeed * 31 + 7))
                        : train;
                ClassifierTrainer.train(graph, trainData, smoother, teacherLogits, passTraining, passDataSeed,
                        passMonitor, epoch -> spec.evalEachEpoch() ? quickEvaluation(graph) : Map.of());
            }
        };
        TrainedGraph trained = modelSpec.train(trainer);
        return new VisionModel(trained.graph(), smoother instanceof SavableState state
                ? Map.of(VisionModel.SMOOTHER_STATE, state) : Map.of(), trained.metrics());
    }

    /**
     * Builds the arm's model (its final network) and times {@link #TIMED_STEPS} steps on the
     * first training batch after {@link #WARMUP_STEPS} warm-up steps, times the run's steps; a
     * distilled arm's teacher logits are zeros, which cost the same (the teacher's outputs are
     * computed once per teacher, in inference mode, so they are left out).
     */
    @Override
    public OptionalDouble secondsToTrain(ArmSpec arm, ArmSpec teacherArm, TrainingSpec training) {
        GraphDistiller distiller = arm.distiller().create();
        DataType dataType = "float64".equals(training.precision()) ? DataType.DOUBLE : DataType.FLOAT;
        int k = trainSet.numClasses();
        GraphModel graph = new GraphModel(((VisionModelSpec) arm.model()).build(trainSet.height(), trainSet.width(),
                trainSet.channels(), k), distiller, new long[] {trainSet.height(), trainSet.width(), trainSet.channels()},
                k, dataType, 0);
        int[] indices = IntStream.range(0, Math.min(training.batchSize(), trainSet.size())).toArray();
        INDArray inputs = train.inputs(indices);
        INDArray targets = Nd4j.zeros(DataType.FLOAT, indices.length, k);
        for (int i = 0; i < indices.length; i++) {
            targets.putScalar(i, trainSet.label(indices[i]), 1.0);
        }
        INDArray teacher = distiller.needsTeacher() ? Nd4j.zeros(DataType.FLOAT, indices.length, k) : null;
        for (int i = 0; i < WARMUP_STEPS; i++) {
            graph.step(inputs, targets, teacher, training.learningRate());
        }
        long start = System.nanoTime();
        for (int i = 0; i < TIMED_STEPS; i++) {
            graph.step(inputs, targets, teacher, training.learningRate());
        }
        double perStep = (System.nanoTime() - start) / 1e9 / TIMED_STEPS;
        return OptionalDouble.of(perStep * training.stepsPerEpoch(trainSet.size()) * training.epochs());
    }

    @Override
    public TrainedModel load(ArmSpec arm, TrainingSpec training, long initSeed, Path file) throws IOException {
        GraphModel graph = graph(arm, training, initSeed);
        graph.loadParameters(file);
        return new VisionModel(graph, Map.of(), Map.of());
    }

    /**
     * The arm's final network with its loss, initialised from {@code initSeed} (a finished run's
     * model is loaded into it; a model with its own schedule ends with this network).
     */
    private GraphModel graph(ArmSpec arm, TrainingSpec training, long initSeed) {
        VisionModelSpec modelSpec = (VisionModelSpec) arm.model();
        DataType dataType = "float64".equals(training.precision()) ? DataType.DOUBLE : DataType.FLOAT;
        return new GraphModel(
                modelSpec.build(trainSet.height(), trainSet.width(), trainSet.channels(), trainSet.numClasses()),
                PenalizedDistiller.of(arm.distiller().create(), arm.smoother().create()),
                new long[] {trainSet.height(), trainSet.width(), trainSet.channels()},
                trainSet.numClasses(), dataType, initSeed);
    }

    @Override
    public Map<String, Double> evaluate(TrainedModel model, ArmSpec.Role role, TrainedModel teacher) {
        double[][] probabilities = Softmax.probabilities(((VisionModel) model).logits(Split.TEST,
                g -> ClassifierTrainer.logits(g, test, spec.evalBatchSize())), 1);
        double[][] reference = teacher == null ? null : Softmax.probabilities(((VisionModel) teacher).logits(
                Split.TEST, g -> ClassifierTrainer.logits(g, test, spec.evalBatchSize())), 1);
        MetricSet metrics = MetricSet.standard(test.numClasses(), reference != null);
        metrics.add(probabilities, test.images().labels(), reference);
        Map<String, Double> out = new LinkedHashMap<>(metrics.results());
        out.putAll(((VisionModel) model).trainingMetrics());
        if (role == ArmSpec.Role.TEACHER) {
            StabilityMetric trainStability = new StabilityMetric(train.numClasses());
            double[][] trainLogits = ((VisionModel) model).logits(Split.TRAIN, this::trainLogits);
            trainStability.add(Softmax.probabilities(trainLogits, 1), trainSet.labels(), null);
            out.put("train_stability", trainStability.result());
        }
        return out;
    }

    @Override
    public ModelOutputs outputs(TrainedModel model) {
        VisionModel vision = (VisionModel) model;
        GraphModel graph = vision.graph();
        if (!graph.hasClassifier()) {
            return null; // a network (e.g. a plugin's) that marks no classifier layer has no features or templates to analyse
        }
        SplitOutputs trainOutputs = splitOutputs(graph, train);
        SplitOutputs testOutputs = splitOutputs(graph, test);
        // the same pass gave the logits: keep them for evaluate() and for the model's students
        vision.logits(Split.TRAIN, g -> trainOutputs.logits());
        vision.logits(Split.TEST, g -> testOutputs.logits());
        return new ModelOutputs(trainSet.classNames(), graph.templates(), trainOutputs, testOutputs);
    }

    private SplitOutputs splitOutputs(GraphModel graph, ImageData data) {
        int n = data.size();
        double[][] logits = new double[n][];
        double[][] features = new double[n][];
        for (int from = 0; from < n; from += spec.evalBatchSize()) {
            int[] indices = IntStream.range(from, Math.min(n, from + spec.evalBatchSize())).toArray();
            INDArray[] out = graph.logitsAndFeatures(data.inputs(indices));
            System.arraycopy(out[0].castTo(DataType.DOUBLE).toDoubleMatrix(), 0, logits, from, indices.length);
            System.arraycopy(out[1].castTo(DataType.DOUBLE).toDoubleMatrix(), 0, features, from, indices.length);
        }
        return new SplitOutputs(data.images().labels(), logits, features);
    }

    /** Held-out top-1 and NLL, after each epoch. */
    private Map<String, Double> quickEvaluation(GraphModel graph) {
        double[][] probabilities = Softmax.probabilities(ClassifierTrainer.logits(graph, test, spec.evalBatchSize()), 1);
        MetricSet metrics = new MetricSet(test.numClasses()).with(new TopKAccuracy(1)).with(new NegativeLogLikelihood());
        metrics.add(probabilities, test.images().labels(), null);
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.results().forEach((k, v) -> out.put("test_" + k, v));
        return out;
    }

    /**
     * Without augmentation the teacher's logits are computed once on the training split, in
     * inference mode (identical to computing them per batch), and kept in the teacher-output
     * cache when the runner gives one, so students of the same teacher in later processes read
     * them; with augmentation the teacher runs on each augmented batch and nothing is cached.
     */
    private TeacherLogits teacherLogits(VisionModel teacher, Path cacheFolder) {
        if (teacher == null) {
            throw new IllegalStateException("the distiller needs a teacher but the arm has none");
        }
        if (spec.augmented()) {
            return (indices, inputs) -> teacher.graph().logits(inputs);
        }
        if (cacheFolder == null) {
            return TeacherLogits.table(teacher.logits(Split.TRAIN, this::trainLogits));
        }
        return TeacherLogits.table(new TeacherOutputCache(cacheFolder).logits(teacher.fingerprint(),
                datasetFingerprint(), TRAIN_TRANSFORM + spec.evalBatchSize(),
                () -> teacher.logits(Split.TRAIN, this::trainLogits)));
    }

    /** Fresh logits of the training split (a teacher's soft targets, a teacher's train stability). */
    double[][] trainLogits(GraphModel graph) {
        return ClassifierTrainer.logits(graph, train, spec.evalBatchSize());
    }

    private static String fingerprint(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
