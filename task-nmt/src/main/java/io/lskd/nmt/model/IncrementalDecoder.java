package io.lskd.nmt.model;

import io.lskd.nmt.decode.NextTokenScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Next-token scores for one encoded batch of sources, with cached keys and values (fairseq's
 * incremental decoding): each call runs the decoder on the newest token of each prefix only,
 * reading the self-attention keys and values of earlier positions from the previous call. A
 * step costs O(prefix length) instead of re-reading the prefix's O(length^2).
 *
 * <p>Every call after the first must extend prefixes of the previous call by one token, all to
 * one length, as beam search and greedy decoding do. The cached row of each prefix is found by
 * its sentence and tokens, so a decoder may reorder, drop or repeat hypotheses between calls.
 *
 * <p>The cache holds one extra position before BOS, always masked, so that the first step
 * concatenates onto a non-empty array.
 */
public final class IncrementalDecoder implements NextTokenScorer, AutoCloseable {

    private final NmtGraph graph;
    private final int sentences;
    private final int sourceLength;
    /** Per decoder layer, cross-attention keys and values, [B*S, d] each (k0, v0, k1, v1, ...). */
    private final List<INDArray> cross;
    /** The sources' key-padding masks, [B, 1, 1, S] (read as [B, S, 1, 1]). */
    private final INDArray sourceMask;
    private final PositionalEncoding positions;
    private final int width;
    private final int heads;
    private final int headDim;
    /** Arrays made for the current step, freed when it ends. */
    private final List<INDArray> stepArrays = new ArrayList<>();
    /** The sentence of each row of the last step, and its cross-attention inputs (freed with them). */
    private int[] rowSentences;
    private List<INDArray> rowCross;
    private INDArray rowSourceMask;
    private final List<INDArray> sourceArrays = new ArrayList<>();
    /** The previous call's self-attention keys and values, [R, P, heads, d/heads] each. */
    private List<INDArray> cache = List.of();
    private Map<Prefix, Integer> cachedRows = Map.of();
    private int cachedLength;

    IncrementalDecoder(NmtGraph graph, int sentences, int sourceLength, List<INDArray> crossKeysValues,
                       INDArray sourceMask) {
        this.graph = graph;
        this.sentences = sentences;
        this.sourceLength = sourceLength;
        this.width = graph.spec().modelDim();
        this.heads = graph.spec().heads();
        this.headDim = graph.spec().headDim();
        this.cross = crossKeysValues;
        this.sourceMask = sourceMask;
        this.positions = new PositionalEncoding(width);
    }

    /** A prefix of one sentence, compared by content. */
    private record Prefix(int sentence, int[] tokens) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Prefix p && p.sentence == sentence && Arrays.equals(p.tokens, tokens);
        }

        @Override
        public int hashCode() {
            return 31 * sentence + Arrays.hashCode(tokens);
        }
    }

    /**
     * @throws IllegalArgumentException when the prefixes differ in length, or a prefix does not
     *     extend one of the previous call's by one token
     */
    @Override
    public double[][] nextLogProbs(int[] sentence, int[][] prefixes) {
        int rows = prefixes.length;
        int length = prefixes[0].length;
        for (int r = 0; r < rows; r++) {
            if (prefixes[r].length != length) {
                throw new IllegalArgumentException("prefixes of one step must have one length; row 0 has " + length
                        + " tokens, row " + r + " " + prefixes[r].length);
            }
            if (sentence[r] < 0 || sentence[r] >= sentences) {
                throw new IllegalArgumentException("row " + r + " names sentence " + sentence[r] + " of " + sentences);
            }
        }
        List<INDArray> past = past(sentence, prefixes, length);
        selectSources(sentence);
        Map<String, INDArray> inputs = new HashMap<>();
        int[] newest = new int[rows];
        double[] encodings = new double[rows * width];
        double[] position = positions.at(length - 1);
        for (int r = 0; r < rows; r++) {
            newest[r] = prefixes[r][length - 1];
            System.arraycopy(position, 0, encodings, r * width, width);
        }
        DataType type = graph.dataType();
        inputs.put(NmtGraph.STEP_EMBEDDED, graph.embeddingRows(newest));
        inputs.put(NmtGraph.STEP + NmtGraph.POSITIONS, Nd4j.create(encodings, new long[] {rows, width}, 'c')
                .castTo(type));
        double[] pastMask = new double[length + 1];
        pastMask[0] = Transformer.maskedScore();
        inputs.put(NmtGraph.PAST_MASK, Nd4j.create(pastMask, new long[] {1, length + 1, 1, 1}, 'c').castTo(type));
        List<INDArray> made = List.copyOf(inputs.values());
        inputs.put(NmtGraph.SOURCE_MASK, rowSourceMask); // kept while the rows' sentences stay

        List<INDArray> out = graph.decodeStep(inputs, past, rowCross);
        INDArray hidden = out.get(0);
        INDArray logits = graph.outputLogits(hidden);
        INDArray asDouble = logits.castTo(DataType.DOUBLE);
        double[] flat = asDouble.data().asDouble();
        int vocab = (int) logits.size(1);
        double[][] scores = new double[rows][];
        for (int r = 0; r < rows; r++) {
            scores[r] = logSoftmax(flat, r * vocab, vocab);
        }
        List<INDArray> previous = cache;
        cache = out.subList(1, out.size());
        Map<Prefix, Integer> index = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            index.put(new Prefix(sentence[r], prefixes[r].clone()), r); // the caller may reuse its arrays
        }
        cachedRows = index;
        cachedLength = length;
        graph.nativeMemory().afterDecodingStep(previous, stepArrays, made, List.of(hidden, logits, asDouble));
        stepArrays.clear();
        return scores;
    }

    /** The cached keys and values of each prefix's earlier positions, [R, P, heads, d/heads] per layer. */
    private List<INDArray> past(int[] sentence, int[][] prefixes, int length) {
        int rows = prefixes.length;
        List<INDArray> past = new ArrayList<>();
        if (length == 1) {
            for (int i = 0; i < 2 * graph.spec().decoderLayers(); i++) {
                INDArray empty = Nd4j.zeros(graph.dataType(), rows, 1, heads, headDim);
                stepArrays.add(empty);
                past.add(empty);
            }
            return past;
        }
        if (length != cachedLength + 1) {
            throw new IllegalArgumentException("prefixes of " + length + " tokens do not extend the previous step's "
                    + "(of " + cachedLength + ")");
        }
        int[] parents = new int[rows];
        for (int r = 0; r < rows; r++) {
            Integer parent = cachedRows.get(new Prefix(sentence[r], Arrays.copyOf(prefixes[r], length - 1)));
            if (parent == null) {
                throw new IllegalArgumentException("row " + r + " (sentence " + sentence[r] + ") does not extend a"
                        + " prefix of the previous step");
            }
            parents[r] = parent;
        }
        for (INDArray c : cache) {
            past.add(select(c, c.size(0), parents, stepArrays, c.size(1), heads, headDim));
        }
        return past;
    }

    /**
     * The cross-attention inputs of each row's sentence. A beam search asks for the same
     * sentences, in the same order, at every step until one finishes, so they are kept until
     * the rows' sentences change.
     */
    private void selectSources(int[] sentence) {
        if (Arrays.equals(sentence, rowSentences)) {
            return;
        }
        graph.nativeMemory().afterInference(sourceArrays);
        sourceArrays.clear();
        rowCross = new ArrayList<>();
        for (INDArray c : cross) {
            rowCross.add(select(c, sentences, sentence, sourceArrays, sourceLength, heads, headDim));
        }
        rowSourceMask = select(sourceMask, sentences, sentence, sourceArrays, sourceLength, 1, 1);
        rowSentences = sentence.clone();
    }

    /**
     * Entries {@code chosen} of a C-ordered array read as {@code entries} equal consecutive
     * blocks (sentences of S encoder rows, hypotheses of P cached positions), copied into a new
     * array [chosen.length, shape...] (each block's values in their order).
     *
     * @param owner where the copy is kept until it is freed
     */
    private static INDArray select(INDArray source, long entries, int[] chosen, List<INDArray> owner, long... shape) {
        INDArray copy = Nd4j.pullRows(source.reshape(entries, source.length() / entries), 1, chosen);
        owner.add(copy);
        long[] full = new long[shape.length + 1];
        full[0] = chosen.length;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return copy.reshape(full);
    }

    /** log softmax of z[from .. from + n - 1], in double. */
    private static double[] logSoftmax(double[] z, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            max = Math.max(max, z[i]);
        }
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += Math.exp(z[i] - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = z[from + i] - log;
        }
        return out;
    }

    @Override
    public void close() {
        graph.nativeMemory().afterInference(cache, cross, sourceArrays, List.of(sourceMask));
        cache = List.of();
        cachedRows = Map.of();
    }
}
