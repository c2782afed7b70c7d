package io.lskd.nmt.model;

import io.lskd.graph.Adam;
import io.lskd.graph.GraphDistiller;
import io.lskd.graph.NativeMemory;
import io.lskd.graph.SavedParameters;
import io.lskd.nmt.loss.TokenLossGraph;
import io.lskd.nmt.loss.TokenTargets;
import io.lskd.nmt.loss.WordKdDistiller;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable translation model: one SameDiff graph holding a {@link Transformer}'s weights and
 * three passes over them: training (dropout, the loss), teacher-forced inference (logits of
 * every target position) and decoding (the decoder over a given encoder output, so a beam search
 * encodes once and re-runs only the decoder). Optimised by PyTorch-exact {@link Adam}.
 */
public final class NmtGraph {

    static final String SRC = "src/";
    static final String TGT = "tgt/";
    static final String IDS = "ids";
    static final String POSITIONS = "pos";
    static final String HEAD_SHAPE = "shape";
    static final String MASK = "mask";
    private static final String TARGET_IDS = "tgt/out";
    private static final String TARGET_WEIGHTS = "tgt/weight";
    private static final String TEACHER_TARGET = "kd/target";
    private static final String MEMORY = "memory";

    private final TransformerSpec spec;
    private final Transformer transformer;
    private final SameDiff sd;
    private final DataType dataType;
    private final Feeds feeds;
    private final WordKdDistiller wordKd;
    private final String loss;
    private final String evalLogits;
    private final String evalMemory;
    private final String decodeHidden;
    private final List<String> trainables;
    private final Adam adam = new Adam();
    /** Every step: collecting every 4th let the Transformers pass 8 GB resident (README, Known limits). */
    private final NativeMemory nativeMemory = new NativeMemory(1);

    /**
     * @param targets the per-token smoothed target (from the arm's smoother)
     * @param seed the initialisation seed: equal seeds give equal weights
     */
    public NmtGraph(TransformerSpec spec, int vocabSize, GraphDistiller distiller, TokenTargets targets,
                    DataType dataType, long seed) {
        this.spec = spec;
        this.dataType = dataType;
        this.sd = SameDiff.create();
        this.transformer = new Transformer(spec, vocabSize, Vocabulary.PAD, sd, dataType, seed);
        this.feeds = new Feeds(spec, dataType);
        this.wordKd = distiller instanceof WordKdDistiller w ? w : null;
        SequenceInputs src = inputs(SRC, false);
        SequenceInputs tgt = inputs(TGT, true);

        SDVariable trainHidden = transformer.decode(tgt, transformer.encode(src, true), src, true);
        SDVariable targetIds = sd.placeHolder(TARGET_IDS, DataType.INT32, -1);
        SDVariable weights = sd.placeHolder(TARGET_WEIGHTS, dataType, -1);
        SDVariable kdTarget = wordKd != null ? sd.placeHolder(TEACHER_TARGET, dataType, -1, vocabSize) : null;
        this.loss = TokenLossGraph.build(sd, distiller, targets, transformer.logits(trainHidden), targetIds, weights,
                kdTarget, vocabSize).name();
        sd.setLossVariables(loss);

        SDVariable memory = transformer.encode(src, false);
        this.evalMemory = memory.name();
        this.evalLogits = transformer.logits(transformer.decode(tgt, memory, src, false)).name();
        SDVariable memoryIn = sd.placeHolder(MEMORY, dataType, -1, spec.modelDim());
        this.decodeHidden = transformer.decode(tgt, memoryIn, src, false).name();
        this.trainables = transformer.parameterNames();
        createGradientsQuietly();
    }

    private SequenceInputs inputs(String prefix, boolean causal) {
        return new SequenceInputs(
                sd.placeHolder(prefix + IDS, DataType.INT32, -1),
                sd.placeHolder(prefix + POSITIONS, dataType, -1, spec.modelDim()),
                sd.placeHolder(prefix + HEAD_SHAPE, DataType.INT64, 4),
                causal ? sd.placeHolder(prefix + MASK, dataType, 1, 1, -1, -1)
                        : sd.placeHolder(prefix + MASK, dataType, -1, 1, 1, -1));
    }

    /** SameDiff prints a line per op while building gradients; keep standard output clean. */
    private void createGradientsQuietly() {
        PrintStream out = System.out;
        synchronized (NmtGraph.class) {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    public TransformerSpec spec() {
        return spec;
    }

    public int vocabSize() {
        return transformer.vocabSize();
    }

    /** Whether a step needs the teacher's per-position target distribution (word-level KD). */
    public boolean needsTeacherTarget() {
        return wordKd != null;
    }

    /**
     * The word-KD target [B*T, V] (padded layout, zero rows at padding) from the teacher's
     * logits of the real target tokens, [tokens][V], sentence by sentence.
     */
    public INDArray teacherTarget(TokenBatch batch, double[][] teacherLogits) {
        int t = Feeds.length(batch.target());
        INDArray q = Nd4j.zeros(dataType, (long) batch.size() * t, vocabSize());
        double[] row = new double[vocabSize()];
        int real = 0;
        for (int b = 0; b < batch.size(); b++) {
            for (int p = 0; p < batch.target()[b].length; p++) {
                wordKd.teacherDistribution(teacherLogits[real++], row);
                putTopK(q, (long) b * t + p, row);
            }
        }
        return q;
    }

    /** The same from the teacher's padded teacher-forced logits [B*T, V] ({@link #logits}). */
    public INDArray teacherTarget(TokenBatch batch, INDArray teacherLogits) {
        int t = Feeds.length(batch.target());
        INDArray q = Nd4j.zeros(dataType, (long) batch.size() * t, vocabSize());
        double[] row = new double[vocabSize()];
        for (int b = 0; b < batch.size(); b++) {
            for (int p = 0; p < batch.target()[b].length; p++) {
                long r = (long) b * t + p;
                wordKd.teacherDistribution(teacherLogits.getRow(r).castTo(DataType.DOUBLE).toDoubleVector(), row);
                putTopK(q, r, row);
            }
        }
        return q;
    }

    private static void putTopK(INDArray q, long r, double[] row) {
        for (int v = 0; v < row.length; v++) {
            if (row[v] != 0.0) {
                q.putScalar(r, v, row[v]);
            }
        }
    }

    /**
     * One Adam step on a batch.
     *
     * @param batch sources and targets, both ending in EOS
     * @param teacherTarget [B*T, V] for word-level KD (from {@link #teacherTarget}),
     *     else null
     * @param dropoutRandom draws the dropout masks (a per-run stream)
     * @return the mean loss over real target tokens, before the step
     */
    public double step(TokenBatch batch, INDArray teacherTarget, double learningRate, Random dropoutRandom) {
        Map<String, INDArray> placeholders = teacherForced(batch);
        int t = Feeds.length(batch.target());
        placeholders.put(TARGET_IDS, Feeds.ids(batch.target(), t));
        placeholders.put(TARGET_WEIGHTS, feeds.weights(batch.target(), t));
        if (wordKd != null) {
            if (teacherTarget == null) {
                throw new IllegalArgumentException("this model's loss needs the teacher's target distribution");
            }
            placeholders.put(TEACHER_TARGET, teacherTarget.castTo(dataType));
        }
        long srcRows = (long) batch.size() * Feeds.length(batch.source());
        long tgtRows = (long) batch.size() * t;
        double keep = 1 - spec.dropout();
        for (Dropout.Site site : transformer.dropoutSites()) {
            INDArray mask = Nd4j.createUninitialized(dataType, site.target() ? tgtRows : srcRows, site.width());
            Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep), dropoutRandom);
            placeholders.put(site.name(), mask.divi(keep));
        }
        OutAndGrad result = sd.calculateGradientsAndOutputs(placeholders, List.of(loss), trainables);
        double value = result.getOutputs().get(loss).getDouble(0);
        if (Double.isFinite(value)) { // else the caller stops the run before any parameter changes
            adam.nextStep();
            for (String name : trainables) {
                adam.update(name, sd.getVariable(name).getArr(), result.getGradients().get(name), learningRate);
            }
        }
        List<INDArray> produced = new ArrayList<>(result.getOutputs().values());
        produced.addAll(placeholders.values());
        nativeMemory.afterTrainingStep(produced, result.getGradients().values());
        return value;
    }

    /** Teacher-forced logits of every target position, [B*T, V] (row b*T + t), inference mode. */
    public INDArray logits(TokenBatch batch) {
        Map<String, INDArray> placeholders = teacherForced(batch);
        INDArray out = sd.output(placeholders, evalLogits).get(evalLogits);
        nativeMemory.afterInference(placeholders.values());
        return out;
    }

    /** The encoder's output for the sources, [B*S, d], and the source-side inputs it was made from. */
    public Encoded encode(int[][] sources) {
        Map<String, INDArray> src = feeds.side(SRC, sources, false);
        INDArray memory = sd.output(src, evalMemory).get(evalMemory);
        return new Encoded(sources, memory, src);
    }

    /**
     * Log-probabilities of the next token after each prefix, [R, V], given an encoding whose
     * sentence {@code rows[r]} each prefix r continues. The decoder re-reads the whole prefix
     * (no cached keys and values): simple, at O(T^2) per sentence.
     */
    public double[][] nextLogProbs(Encoded encoded, int[] rows, int[][] prefixes) {
        int[][] sources = new int[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            sources[r] = encoded.sources()[rows[r]];
        }
        int s = Feeds.length(encoded.sources());
        int[] memoryRows = new int[rows.length * s];
        for (int r = 0; r < rows.length; r++) {
            for (int p = 0; p < s; p++) {
                memoryRows[r * s + p] = rows[r] * s + p;
            }
        }
        INDArray memory = Nd4j.pullRows(encoded.memory(), 1, memoryRows);
        Map<String, INDArray> placeholders = new HashMap<>(feeds.side(SRC, sources, false, s));
        placeholders.putAll(feeds.side(TGT, prefixes, true));
        placeholders.put(MEMORY, memory);
        INDArray hidden = sd.output(placeholders, decodeHidden).get(decodeHidden);
        int t = Feeds.length(prefixes);
        int[] lastRows = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            lastRows[r] = r * t + prefixes[r].length - 1;
        }
        INDArray last = Nd4j.pullRows(hidden, 1, lastRows);
        double[][] out = new double[rows.length][];
        double[][] logits = last.mmul(transformer.embedding().getArr().transpose()).castTo(DataType.DOUBLE)
                .toDoubleMatrix();
        for (int r = 0; r < rows.length; r++) {
            out[r] = logSoftmax(logits[r]);
        }
        nativeMemory.afterInference(placeholders.values(), List.of(hidden, last));
        return out;
    }

    private Map<String, INDArray> teacherForced(TokenBatch batch) {
        Map<String, INDArray> placeholders = new HashMap<>(feeds.side(SRC, batch.source(), false));
        placeholders.putAll(feeds.side(TGT, batch.decoderInput(), true));
        return placeholders;
    }

    private static double[] logSoftmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] - log;
        }
        return out;
    }

    /** The number of trained parameters. */
    public long parameterCount() {
        long n = 0;
        for (String name : trainables) {
            n += sd.getVariable(name).getArr().length();
        }
        return n;
    }

    /** Trained parameters by name, in creation order. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : trainables) {
            out.put(name, sd.getVariable(name).getArr());
        }
        return out;
    }

    /** The optimiser, whose step and moments a checkpoint keeps. */
    public Adam optimizer() {
        return adam;
    }

    /**
     * Overwrites every trained parameter with a saved value of the same name, shape and type,
     * bit for bit (a checkpoint's, a saved model's).
     *
     * @param source where the values come from, for error messages
     * @throws IllegalArgumentException naming the source and the parameter that does not fit
     */
    public void restoreParameters(Map<String, INDArray> saved, String source) {
        SavedParameters.restore(saved, parameters(), source);
    }

    /**
     * Loads the parameters of a graph written by {@link #save} for the same architecture,
     * vocabulary size and precision.
     *
     * @throws IOException naming the file when it is missing, unreadable or holds another model
     */
    public void loadParameters(Path file) throws IOException {
        SavedParameters.load(file, "translation model", parameters());
    }

    /**
     * Writes the graph with its parameters, atomically (a crash leaves the old file or the new one).
     *
     * @throws IOException naming the file when it cannot be written (e.g. a full disk)
     */
    public void save(Path file) throws IOException {
        SavedParameters.write(sd, file);
    }

    /** An encoded batch of sources, reused by every decoding step; close it to free its native memory. */
    public record Encoded(int[][] sources, INDArray memory, Map<String, INDArray> sourceInputs)
            implements AutoCloseable {
        @Override
        public void close() {
            List<INDArray> arrays = new ArrayList<>(sourceInputs.values());
            arrays.add(memory);
            for (INDArray a : arrays) {
                if (a.closeable()) {
                    a.close();
                }
            }
        }
    }
}
