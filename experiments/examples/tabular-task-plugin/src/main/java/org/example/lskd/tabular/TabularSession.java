package org.example.lskd.tabular;

import io.lskd.distill.PenalizedDistiller;
import io.lskd.graph.ClassificationData;
import io.lskd.graph.ClassifierTrainer;
import io.lskd.graph.GraphDistiller;
import io.lskd.graph.GraphModel;
import io.lskd.graph.TeacherLogits;
import io.lskd.math.Softmax;
import io.lskd.metrics.MetricSet;
import io.lskd.metrics.StabilityMetric;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.SavableState;
import io.lskd.spi.Smoother;
import io.lskd.spi.TaskSession;
import io.lskd.spi.TrainedModel;
import io.lskd.spi.TrainingMonitor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A table split into training and test rows, features standardised: trains and evaluates MLP arms. */
final class TabularSession implements TaskSession {

    private final TabularTaskSpec spec;
    private final String source;
    private final Table table;
    private final Rows train;
    private final Rows test;

    TabularSession(TabularTaskSpec spec, Table table, String source) {
        this.spec = spec;
        this.table = table;
        this.source = source;
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> testRows = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            (i % spec.testEvery() == spec.testEvery() - 1 ? testRows : trainRows).add(i);
        }
        int f = spec.features().size();
        double[] mean = new double[f];
        double[] std = new double[f];
        for (int j = 0; j < f; j++) {
            for (int i : trainRows) {
                mean[j] += table.features()[i][j] / trainRows.size();
            }
            for (int i : trainRows) {
                double d = table.features()[i][j] - mean[j];
                std[j] += d * d / trainRows.size();
            }
            std[j] = Math.sqrt(Math.max(std[j], 1e-12));
        }
        this.train = new Rows(trainRows, mean, std);
        this.test = new Rows(testRows, mean, std);
    }

    /** Some rows of the table as the trainer reads them: standardised float features. */
    private final class Rows implements ClassificationData {
        final int[] rows;
        final float[][] x;

        Rows(List<Integer> rows, double[] mean, double[] std) {
            this.rows = rows.stream().mapToInt(Integer::intValue).toArray();
            this.x = new float[this.rows.length][mean.length];
            for (int i = 0; i < this.rows.length; i++) {
                for (int j = 0; j < mean.length; j++) {
                    x[i][j] = (float) ((table.features()[this.rows[i]][j] - mean[j]) / std[j]);
                }
            }
        }

        @Override
        public int size() {
            return rows.length;
        }

        @Override
        public int numClasses() {
            return table.classNames().size();
        }

        @Override
        public int label(int index) {
            return table.labels()[rows[index]];
        }

        @Override
        public INDArray inputs(int[] indices) {
            float[][] batch = new float[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                batch[i] = x[indices[i]];
            }
            return Nd4j.createFromArray(batch);
        }

        int[] labels() {
            int[] out = new int[rows.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = label(i);
            }
            return out;
        }
    }

    @Override
    public String datasetFingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(Double.BYTES + Integer.BYTES);
            for (int i = 0; i < table.size(); i++) {
                for (double v : table.features()[i]) {
                    digest.update(buffer.clear().putDouble(v).array(), 0, Double.BYTES);
                }
                digest.update(buffer.clear().putInt(table.labels()[i]).array(), 0, Integer.BYTES);
            }
            digest.update((table.classNames() + "/" + spec.features() + "/every " + spec.testEvery())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return String.format("%s: %d complete rows (%d left out for a missing value), train %d, test %d (every %d-th);"
                        + " classes %s; features %s, standardised", source, table.size(), table.skipped(), train.size(),
                test.size(), spec.testEvery(), table.classNames(), spec.features());
    }

    @Override
    public int trainSize() {
        return train.size();
    }

    @Override
    public TrainedModel train(ArmSpec arm, TrainingSpec training, long initSeed, long dataSeed, TrainedModel teacher,
                              TrainingMonitor monitor) {
        if (!(arm.model() instanceof MlpSpec mlp)) {
            throw new IllegalArgumentException("arm '" + arm.name() + "': the tabular task trains 'mlp' models, not "
                    + arm.model());
        }
        Smoother smoother = arm.smoother().create();
        GraphDistiller distiller = PenalizedDistiller.of(arm.distiller().create(), smoother);
        int features = spec.features().size();
        DataType type = "float64".equals(training.precision()) ? DataType.DOUBLE : DataType.FLOAT;
        GraphModel graph = new GraphModel(mlp.build(features, train.numClasses()), distiller, new long[] {features},
                train.numClasses(), type, initSeed);
        TeacherLogits teacherLogits = null;
        if (distiller.needsTeacher()) {
            teacherLogits = TeacherLogits.table(ClassifierTrainer.logits(((TabularModel) teacher).graph(), train,
                    train.size()));
        }
        ClassifierTrainer.train(graph, train, smoother, teacherLogits, training, dataSeed, monitor,
                epoch -> Map.of("test_top1", metrics(graph, test, null).get("top1")));
        return new TabularModel(graph, smoother instanceof SavableState s ? Map.of("smoother-state.json", s) : Map.of());
    }

    @Override
    public Map<String, Double> evaluate(TrainedModel model, ArmSpec.Role role, TrainedModel teacher) {
        GraphModel graph = ((TabularModel) model).graph();
        Map<String, Double> out = new LinkedHashMap<>(metrics(graph, test,
                teacher == null ? null : ((TabularModel) teacher).graph()));
        if (role == ArmSpec.Role.TEACHER) {
            StabilityMetric stability = new StabilityMetric(train.numClasses());
            stability.add(probabilities(graph, train), train.labels(), null);
            out.put("train_stability", stability.result());
        }
        return out;
    }

    private static Map<String, Double> metrics(GraphModel graph, Rows rows, GraphModel reference) {
        MetricSet metrics = MetricSet.standard(rows.numClasses(), reference != null);
        metrics.add(probabilities(graph, rows), rows.labels(), reference == null ? null : probabilities(reference, rows));
        return metrics.results();
    }

    private static double[][] probabilities(GraphModel graph, Rows rows) {
        return Softmax.probabilities(ClassifierTrainer.logits(graph, rows, rows.size()), 1.0);
    }
}
