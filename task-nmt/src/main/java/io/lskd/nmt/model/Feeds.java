package io.lskd.nmt.model;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns token sequences into the arrays behind a {@link SequenceInputs}: the embedding rows of
 * the right-padded ids, repeated position encodings, the per-head shape and the additive mask.
 */
final class Feeds {

    private final PositionalEncoding positions;
    private final int heads;
    private final int headDim;
    private final DataType dataType;
    private final Supplier<INDArray> embedding;

    /** @param embedding the shared embedding E [V, d], read at each use */
    Feeds(TransformerSpec spec, DataType dataType, Supplier<INDArray> embedding) {
        this.positions = new PositionalEncoding(spec.modelDim());
        this.heads = spec.heads();
        this.headDim = spec.headDim();
        this.dataType = dataType;
        this.embedding = embedding;
    }

    /** The padded length of a batch: its longest sequence. */
    static int length(int[][] sequences) {
        int max = 1;
        for (int[] s : sequences) {
            max = Math.max(max, s.length);
        }
        return max;
    }

    /** Right-padded ids, [B*L]. */
    static INDArray ids(int[][] sequences, int length) {
        return Nd4j.createFromArray(flatIds(sequences, length));
    }

    /** Right-padded ids, B*L of them. */
    static int[] flatIds(int[][] sequences, int length) {
        int[] flat = new int[sequences.length * length];
        for (int b = 0; b < sequences.length; b++) {
            System.arraycopy(sequences[b], 0, flat, b * length, sequences[b].length);
        }
        return flat;
    }

    /** 1 on real tokens, 0 on padding, [B*L]. */
    INDArray weights(int[][] sequences, int length) {
        double[] w = new double[sequences.length * length];
        for (int b = 0; b < sequences.length; b++) {
            java.util.Arrays.fill(w, b * length, b * length + sequences[b].length, 1.0);
        }
        return Nd4j.createFromArray(w).castTo(dataType);
    }

    /**
     * The inputs of one side.
     *
     * @param causal a target side (causal mask over its own keys) or a source side (key padding)
     */
    Map<String, INDArray> side(String prefix, int[][] sequences, boolean causal) {
        int length = length(sequences);
        int b = sequences.length;
        int d = heads * headDim;
        Map<String, INDArray> out = new HashMap<>();
        out.put(prefix + NmtGraph.EMBEDDED, Nd4j.pullRows(embedding.get(), 1, flatIds(sequences, length)));
        double[] pos = new double[b * length * d];
        for (int s = 0; s < b; s++) {
            for (int p = 0; p < length; p++) {
                System.arraycopy(positions.at(p), 0, pos, (s * length + p) * d, d);
            }
        }
        out.put(prefix + NmtGraph.POSITIONS, Nd4j.create(pos, new long[] {(long) b * length, d}, 'c').castTo(dataType));
        out.put(prefix + NmtGraph.HEAD_SHAPE, Nd4j.createFromArray((long) b, length, heads, headDim));
        double masked = Transformer.maskedScore();
        if (causal) {
            double[] mask = new double[length * length];
            for (int q = 0; q < length; q++) {
                for (int k = q + 1; k < length; k++) {
                    mask[q * length + k] = masked;
                }
            }
            out.put(prefix + NmtGraph.MASK, Nd4j.create(mask, new long[] {1, 1, length, length}, 'c').castTo(dataType));
        } else {
            double[] mask = new double[b * length];
            for (int s = 0; s < b; s++) {
                for (int k = sequences[s].length; k < length; k++) {
                    mask[s * length + k] = masked;
                }
            }
            out.put(prefix + NmtGraph.MASK, Nd4j.create(mask, new long[] {b, 1, 1, length}, 'c').castTo(dataType));
        }
        return out;
    }
}
