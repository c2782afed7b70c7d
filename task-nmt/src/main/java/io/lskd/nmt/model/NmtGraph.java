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
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.segment.UnsortedSegmentSum;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable translation model: one SameDiff graph holding a {@link Transformer}'s weights and
 * three passes over them: training (dropout, the loss), teacher-forced inference (logits of
 * every target position) and incremental decoding (one token per hypothesis and step, with
 * cached keys and values: {@link IncrementalDecoder}). Optimised by PyTorch-exact {@link Adam}.
 */
public final class NmtGraph {

    static final String SRC = "src/";
    static final String TGT = "tgt/";
    static final String EMBEDDED = "embedded";
    static final String POSITIONS = "pos";
    static final String HEAD_SHAPE = "shape";
    static final String MASK = "mask";
    private static final String TARGET_IDS = "tgt/out";
    private static final String TARGET_WEIGHTS = "tgt/weight";
    private static final String TEACHER_TARGET = "kd/target";
    static final String STEP = "step/";
    static final String STEP_EMBEDDED = "step/embedded";
    static final String PAST_MASK = "step/pastmask";
    static final String SOURCE_MASK = "step/srcmask";

    private final TransformerSpec spec;
    private final Transformer transformer;
    private final SameDiff sd;
    private final DataType dataType;
    private final Feeds feeds;
    private final WordKdDistiller wordKd;
    private final String loss;
    private final String evalLogits;
    private final List<String> crossKeysValues;
    private final List<String> stepPast;
    private final List<String> stepCross;
    private final String stepHidden;
    private final List<String> stepKeysValues;
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
        this.feeds = new Feeds(spec, dataType, () -> transformer.embedding().getArr());
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
        this.evalLogits = transformer.logits(transformer.decode(tgt, memory, src, false)).name();
        this.crossKeysValues = names(transformer.crossKeysValues(memory));
        List<SDVariable> past = new ArrayList<>();
        List<SDVariable> cross = new ArrayList<>();
        for (int i = 0; i < 2 * spec.decoderLayers(); i++) {
            past.add(sd.placeHolder(STEP + "past" + i, dataType, -1, -1, spec.heads(), spec.headDim()));
            cross.add(sd.placeHolder(STEP + "cross" + i, dataType, -1, -1, spec.heads(), spec.headDim()));
        }
        this.stepPast = names(past);
        this.stepCross = names(cross);
        Transformer.StepOutput step = transformer.decodeStep(new Transformer.StepInputs(
                sd.placeHolder(STEP_EMBEDDED, dataType, -1, spec.modelDim()),
                sd.placeHolder(STEP + POSITIONS, dataType, -1, spec.modelDim()), past, sd.placeHolder(PAST_MASK, dataType, 1, -1, 1, 1), cross,
                sd.placeHolder(SOURCE_MASK, dataType, -1, -1, 1, 1)));
        this.stepHidden = step.hidden().name();
        this.stepKeysValues = names(step.keysValues());
        this.trainables = transformer.parameterNames();
        createGradientsQuietly();
    }

    private static List<String> names(List<SDVariable> variables) {
        return variables.stream().map(SDVariable::name).toList();
    }

    private SequenceInputs inputs(String prefix, boolean causal) {
        return new SequenceInputs(
                sd.placeHolder(prefix + EMBEDDED, dataType, -1, spec.modelDim()),
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
                // the embedding rows the graph reads get gradients too, for the embedding's
                sd.createGradFunction(SRC + EMBEDDED, TGT + EMBEDDED);
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
        int[] real = {0};
        return teacherTarget(batch, (r, into) -> System.arraycopy(teacherLogits[real[0]++], 0, into, 0, into.length));
    }

    /**
     * The same from the teacher's padded teacher-forced logits [B*T, V] ({@link #logits}). Rows
     * are read from the buffer in place: a row array per token cost about 0.5 s a batch for
     * nmt-kd's 2,000 target tokens of 8,000 logits each.
     */
    public INDArray teacherTarget(TokenBatch batch, INDArray teacherLogits) {
        INDArray logits = teacherLogits.ordering() == 'c' && !teacherLogits.isView() ? teacherLogits
                : teacherLogits.dup('c');
        DataBuffer buffer = logits.data();
        try {
            return teacherTarget(batch, (r, into) -> {
                long offset = logits.offset() + r * into.length;
                for (int c = 0; c < into.length; c++) {
                    into[c] = buffer.getDouble(offset + c);
                }
            });
        } finally {
            if (logits != teacherLogits) {
                logits.close();
            }
        }
    }

    /** Reads the teacher's logits of padded row {@code r} into {@code into}; called in row order. */
    private interface LogitRows {
        void read(long r, double[] into);
    }

    private INDArray teacherTarget(TokenBatch batch, LogitRows rows) {
        int t = Feeds.length(batch.target());
        INDArray q = Nd4j.zeros(dataType, (long) batch.size() * t, vocabSize());
        double[] logits = new double[vocabSize()];
        double[] row = new double[vocabSize()];
        for (int b = 0; b < batch.size(); b++) {
            for (int p = 0; p < batch.target()[b].length; p++) {
                long r = (long) b * t + p;
                rows.read(r, logits);
                wordKd.teacherDistribution(logits, row);
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
        Gradients g = gradients(batch, teacherTarget, dropoutRandom);
        if (Double.isFinite(g.loss())) { // else the caller stops the run before any parameter changes
            adam.nextStep();
            for (String name : trainables) {
                adam.update(name, sd.getVariable(name).getArr(), g.byParameter().get(name), learningRate);
            }
        }
        nativeMemory.afterTrainingStep(sd, g.produced(), g.byParameter().values());
        return g.loss();
    }

    /**
     * @param loss the batch's mean loss over real target tokens
     * @param byParameter the loss's gradient for each trained parameter
     * @param produced the step's other arrays, to free once the gradients are used
     */
    record Gradients(double loss, Map<String, INDArray> byParameter, List<INDArray> produced) {
    }

    /**
     * The loss and its gradients on a batch ({@link #step} without the update). The embedding's
     * gradient is SameDiff's (from the output projection) plus, scattered to the tokens' rows,
     * the gradients of the embedding rows the graph read as inputs.
     */
    Gradients gradients(TokenBatch batch, INDArray teacherTarget, Random dropoutRandom) {
        Map<String, INDArray> placeholders = teacherForced(batch);
        int s = Feeds.length(batch.source());
        int t = Feeds.length(batch.target());
        placeholders.put(TARGET_IDS, Feeds.ids(batch.target(), t));
        placeholders.put(TARGET_WEIGHTS, feeds.weights(batch.target(), t));
        if (wordKd != null) {
            if (teacherTarget == null) {
                throw new IllegalArgumentException("this model's loss needs the teacher's target distribution");
            }
            placeholders.put(TEACHER_TARGET, teacherTarget.castTo(dataType));
        }
        long srcRows = (long) batch.size() * s;
        long tgtRows = (long) batch.size() * t;
        double keep = 1 - spec.dropout();
        for (Dropout.Site site : transformer.dropoutSites()) {
            INDArray mask = Nd4j.createUninitialized(dataType, site.target() ? tgtRows : srcRows, site.width());
            Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep), dropoutRandom);
            placeholders.put(site.name(), mask.divi(keep));
        }
        List<String> wanted = new ArrayList<>(trainables);
        wanted.add(SRC + EMBEDDED);
        wanted.add(TGT + EMBEDDED);
        OutAndGrad result = sd.calculateGradientsAndOutputs(placeholders, List.of(loss), wanted);
        Map<String, INDArray> byParameter = new HashMap<>(result.getGradients());
        INDArray sourceRows = byParameter.remove(SRC + EMBEDDED);
        INDArray targetRows = byParameter.remove(TGT + EMBEDDED);
        INDArray embedding = byParameter.get(Transformer.EMBEDDING);
        addRows(embedding, Feeds.flatIds(batch.source(), s), sourceRows);
        addRows(embedding, Feeds.flatIds(batch.decoderInput(), t), targetRows);
        List<INDArray> produced = new ArrayList<>(result.getOutputs().values());
        produced.addAll(placeholders.values());
        produced.addAll(List.of(sourceRows, targetRows));
        return new Gradients(result.getOutputs().get(loss).getDouble(0), byParameter, produced);
    }

    /** target[ids[i]] += rows[i] for every i, repeated ids adding up (a segment sum per id). */
    static void addRows(INDArray target, int[] ids, INDArray rows) {
        INDArray sums = Nd4j.exec(new UnsortedSegmentSum(rows, Nd4j.createFromArray(ids), (int) target.size(0)))[0];
        target.addi(sums);
        sums.close();
    }

    /** Teacher-forced logits of every target position, [B*T, V] (row b*T + t), inference mode. */
    public INDArray logits(TokenBatch batch) {
        Map<String, INDArray> placeholders = teacherForced(batch);
        INDArray out = sd.output(placeholders, evalLogits).get(evalLogits);
        nativeMemory.afterInference(placeholders.values());
        return out;
    }

    /**
     * Starts decoding a batch of sources: the encoder runs once here, and the returned scorer
     * runs the decoder one token per hypothesis and step. Close it to free its native memory.
     */
    public IncrementalDecoder decoder(int[][] sources) {
        Map<String, INDArray> src = feeds.side(SRC, sources, false);
        Map<String, INDArray> cross = sd.output(src, crossKeysValues);
        List<INDArray> perLayer = crossKeysValues.stream().map(cross::get).toList();
        INDArray sourceMask = src.get(SRC + MASK).dup();
        nativeMemory.afterInference(src.values());
        return new IncrementalDecoder(this, sources.length, Feeds.length(sources), perLayer, sourceMask);
    }

    /**
     * One incremental decoding step ({@link Transformer#decodeStep}).
     *
     * @param inputs the step's embedding rows, positions and masks; {@code past} and {@code cross}
     *     per layer
     * @return the hidden states [R, d], then the keys and values of each layer with the newest
     *     position appended
     */
    List<INDArray> decodeStep(Map<String, INDArray> inputs, List<INDArray> past, List<INDArray> cross) {
        Map<String, INDArray> placeholders = new HashMap<>(inputs);
        for (int i = 0; i < past.size(); i++) {
            placeholders.put(stepPast.get(i), past.get(i));
            placeholders.put(stepCross.get(i), cross.get(i));
        }
        List<String> wanted = new ArrayList<>();
        wanted.add(stepHidden);
        wanted.addAll(stepKeysValues);
        Map<String, INDArray> out = sd.output(placeholders, wanted);
        return wanted.stream().map(out::get).toList();
    }

    /** Logits over the vocabulary of decoder hidden states [R, d]: times the shared embedding, transposed. */
    INDArray outputLogits(INDArray hidden) {
        return hidden.mmul(transformer.embedding().getArr().transpose());
    }

    /** The shared embedding's rows of the given tokens, [R, d] (unscaled). */
    INDArray embeddingRows(int[] tokens) {
        return Nd4j.pullRows(transformer.embedding().getArr(), 1, tokens);
    }

    NativeMemory nativeMemory() {
        return nativeMemory;
    }

    DataType dataType() {
        return dataType;
    }

    private Map<String, INDArray> teacherForced(TokenBatch batch) {
        Map<String, INDArray> placeholders = new HashMap<>(feeds.side(SRC, batch.source(), false));
        placeholders.putAll(feeds.side(TGT, batch.decoderInput(), true));
        return placeholders;
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
}
