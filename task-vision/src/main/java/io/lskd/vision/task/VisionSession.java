package io.lskd.vision.task;

import io.lskd.graph.ClassifierTrainer;
import io.lskd.graph.GraphDistiller;
import io.lskd.graph.GraphModel;
import io.lskd.graph.TeacherLogits;
import io.lskd.graph.TeacherOutputCache;
import io.lskd.math.Softmax;
import io.lskd.metrics.MetricSet;
import io.lskd.metrics.NegativeLogLikelihood;
import io.lskd.metrics.StabilityMetric;
import io.lskd.metrics.TopKAccuracy;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.TaskSession;
import io.lskd.spi.TrainedModel;
import io.lskd.spi.TrainingMonitor;
import io.lskd.vision.data.Augmentation;
import io.lskd.vision.data.ImageSet;
import io.lskd.vision.data.Normalization;
import io.lskd.vision.model.VisionModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A vision task with its splits loaded. Metrics are computed in float64 from the logits
 * (RECIPES.md): the held-out split for every model, and for teachers also the stability on
 * the training split (the paper's Table 1 reports both).
 */
final class VisionSession implements TaskSession {

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
        GraphDistiller distiller = arm.distiller().create();
        GraphModel graph = graph(arm, training, initSeed);
        // Augmentation draws from the data seed's own stream, so paired arms see the same images.
        ImageData trainData = spec.augmented()
                ? new ImageData(trainSet, normalization,
                        new Augmentation(spec.cropPadding(), spec.horizontalFlip(), dataSeed * 31 + 7))
                : train;
        TeacherLogits teacherLogits = distiller.needsTeacher()
                ? teacherLogits((VisionModel) teacher, monitor.teacherOutputFolder()) : null;
        ClassifierTrainer.train(graph, trainData, arm.smoother().create(), teacherLogits, training, dataSeed, monitor,
                epoch -> spec.evalEachEpoch() ? quickEvaluation(graph) : Map.of());
        return new VisionModel(graph);
    }

    @Override
    public TrainedModel load(ArmSpec arm, TrainingSpec training, long initSeed, Path file) throws IOException {
        GraphModel graph = graph(arm, training, initSeed);
        graph.loadParameters(file);
        return new VisionModel(graph);
    }

    /** The arm's network with its loss, initialised from {@code initSeed}. */
    private GraphModel graph(ArmSpec arm, TrainingSpec training, long initSeed) {
        VisionModelSpec modelSpec = (VisionModelSpec) arm.model();
        DataType dataType = "float64".equals(training.precision()) ? DataType.DOUBLE : DataType.FLOAT;
        return new GraphModel(
                modelSpec.build(trainSet.height(), trainSet.width(), trainSet.channels(), trainSet.numClasses()),
                arm.distiller().create(), new long[] {trainSet.height(), trainSet.width(), trainSet.channels()},
                trainSet.numClasses(), dataType, initSeed);
    }

    @Override
    public Map<String, Double> evaluate(TrainedModel model, ArmSpec.Role role, TrainedModel teacher) {
        GraphModel graph = ((VisionModel) model).graph();
        double[][] probabilities = Softmax.probabilities(ClassifierTrainer.logits(graph, test, spec.evalBatchSize()), 1);
        double[][] reference = teacher == null ? null : Softmax.probabilities(
                ClassifierTrainer.logits(((VisionModel) teacher).graph(), test, spec.evalBatchSize()), 1);
        MetricSet metrics = MetricSet.standard(test.numClasses(), reference != null);
        metrics.add(probabilities, test.images().labels(), reference);
        Map<String, Double> out = new LinkedHashMap<>(metrics.results());
        if (role == ArmSpec.Role.TEACHER) {
            StabilityMetric trainStability = new StabilityMetric(train.numClasses());
            double[][] trainLogits = ((VisionModel) model).trainLogits(this::trainLogits);
            trainStability.add(Softmax.probabilities(trainLogits, 1), trainSet.labels(), null);
            out.put("train_stability", trainStability.result());
        }
        return out;
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
            return TeacherLogits.table(teacher.trainLogits(this::trainLogits));
        }
        return TeacherLogits.table(new TeacherOutputCache(cacheFolder).logits(teacher.fingerprint(),
                datasetFingerprint(), TRAIN_TRANSFORM + spec.evalBatchSize(),
                () -> teacher.trainLogits(this::trainLogits)));
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
