package io.lskd.vision.task;

import io.lskd.graph.GraphModel;
import io.lskd.spi.SavableState;
import io.lskd.spi.Student;
import io.lskd.spi.Teacher;
import io.lskd.spi.TrainedModel;
import io.lskd.vision.data.Split;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An image classifier: usable as a {@link Teacher} (frozen logits) and a {@link Student}
 * (one Adam step on its loss) over normalised NHWC input batches, and as the runner's
 * {@link TrainedModel}. It keeps its logits on a split once computed: a teacher's targets on the
 * training split and its test logits (for agreement) serve every student distilled from it.
 */
public final class VisionModel implements TrainedModel, Teacher<INDArray>, Student<INDArray> {

    /** The file, in the run folder, of an adaptive smoother's state (online label smoothing). */
    static final String SMOOTHER_STATE = "smoother-state.json";

    private final GraphModel graph;
    private final Map<Split, double[][]> logitsBySplit = new EnumMap<>(Split.class);
    private final Map<String, SavableState> trainingState;
    private final Map<String, Double> trainingMetrics;

    VisionModel(GraphModel graph, Map<String, SavableState> trainingState, Map<String, Double> trainingMetrics) {
        this.graph = graph;
        this.trainingState = Map.copyOf(trainingState);
        this.trainingMetrics = Map.copyOf(trainingMetrics);
    }

    GraphModel graph() {
        return graph;
    }

    /** Figures the model's own training produced (e.g. a binary network's size in bits), for the result. */
    Map<String, Double> trainingMetrics() {
        return trainingMetrics;
    }

    @Override
    public double[][] logits(INDArray batch) {
        return graph.logits(batch).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    @Override
    public double step(INDArray batch, double[][] targets, double[][] teacherLogits, double learningRate) {
        return graph.step(batch, Nd4j.createFromArray(targets),
                teacherLogits == null ? null : Nd4j.createFromArray(teacherLogits), learningRate);
    }

    /** The logits on a split, computed once on first use. */
    synchronized double[][] logits(Split split, Function<GraphModel, double[][]> compute) {
        return logitsBySplit.computeIfAbsent(split, s -> compute.apply(graph));
    }

    @Override
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, INDArray> e : graph.parameters().entrySet()) {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                double[] values = e.getValue().castTo(DataType.DOUBLE).data().asDouble();
                ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
                buffer.asDoubleBuffer().put(values);
                digest.update(buffer);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long parameterCount() {
        return graph.parameterCount();
    }

    @Override
    public void save(Path file) throws IOException {
        graph.save(file);
    }

    @Override
    public Map<String, SavableState> trainingState() {
        return trainingState;
    }
}
