package io.lskd.nmt.task;

import io.lskd.nmt.model.NmtGraph;
import io.lskd.nmt.model.TokenBatch;
import io.lskd.nmt.text.Bpe;
import io.lskd.spi.Student;
import io.lskd.spi.Teacher;
import io.lskd.spi.TrainedModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained translation model with its tokenizer: a {@link Teacher} (teacher-forced logits) and
 * a {@link Student} over {@link TokenBatch}es, and the runner's {@link TrainedModel}. Rows of
 * logits are the batch's real target positions, sentence by sentence. Saved as the SameDiff
 * graph plus {@code bpe.json} beside it (both written atomically) and reloaded by
 * {@link NmtSession#load}. It keeps its beam translations of the training sources once computed
 * (a sequence-level KD teacher's targets; across processes the teacher-output cache keeps them).
 */
public final class NmtModel implements TrainedModel, Teacher<TokenBatch>, Student<TokenBatch> {

    /** The tokenizer's file name, beside the model file. */
    public static final String TOKENIZER_FILE = "bpe.json";

    private final NmtGraph graph;
    private final Bpe bpe;
    private final Map<Integer, int[][]> translations = new HashMap<>();
    private final DropoutStream dropout;

    /** @param dropoutSeed seeds the stream of the dropout masks of the steps it takes */
    NmtModel(NmtGraph graph, Bpe bpe, long dropoutSeed) {
        this.graph = graph;
        this.bpe = bpe;
        this.dropout = new DropoutStream(dropoutSeed);
    }

    NmtGraph graph() {
        return graph;
    }

    public Bpe tokenizer() {
        return bpe;
    }

    DropoutStream dropout() {
        return dropout;
    }

    /**
     * Teacher-forced logits in the graph's padded layout [B*T, V], inference mode (a word-level
     * KD teacher's, batch by batch); synchronized like {@link #logits}.
     */
    synchronized INDArray paddedLogits(TokenBatch batch) {
        return graph.logits(batch);
    }

    /**
     * The logits [real target tokens][V] in inference mode (teacher forcing). Synchronized, as
     * {@link #translations} is: students training at once share their teacher's graph.
     */
    @Override
    public synchronized double[][] logits(TokenBatch batch) {
        INDArray all = graph.logits(batch);
        int t = maxLength(batch.target());
        double[][] out = new double[batch.targetTokens()][];
        int row = 0;
        for (int b = 0; b < batch.size(); b++) {
            for (int p = 0; p < batch.target()[b].length; p++) {
                out[row++] = all.getRow((long) b * t + p).castTo(DataType.DOUBLE).toDoubleVector();
            }
        }
        return out;
    }

    /**
     * One Adam step. {@code targets} is not read: a translation model builds its smoothed
     * per-token targets in the graph, from the smoother it was built with.
     *
     * @param teacherLogits for word-level KD, the teacher's logits of the real target tokens
     *     [tokens][V] (as {@link #logits} returns them); else null
     */
    @Override
    public double step(TokenBatch batch, double[][] targets, double[][] teacherLogits, double learningRate) {
        INDArray teacherTarget = null;
        if (graph.needsTeacherTarget()) {
            if (teacherLogits == null) {
                throw new IllegalArgumentException("this model learns by word-level KD and needs teacher logits");
            }
            teacherTarget = graph.teacherTarget(batch, teacherLogits);
        }
        return graph.step(batch, teacherTarget, learningRate, dropout.random());
    }

    private static int maxLength(int[][] s) {
        int max = 1;
        for (int[] x : s) {
            max = Math.max(max, x.length);
        }
        return max;
    }

    /** Beam translations of the training sources for a beam size, computed once. */
    synchronized int[][] translations(int beamSize, Supplier<int[][]> compute) {
        return translations.computeIfAbsent(beamSize, k -> compute.get());
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
            digest.update(bpe.fingerprint().getBytes(StandardCharsets.UTF_8));
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
        bpe.save(file.resolveSibling(TOKENIZER_FILE));
    }
}
