package io.lskd.nmt.decode;

import io.lskd.nmt.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy decoding of a batch: at every step each unfinished sentence takes its most probable
 * next token (never PAD or BOS), until EOS or the length limit.
 */
public final class GreedyDecoder {

    private final LengthLimit limit;

    public GreedyDecoder(LengthLimit limit) {
        this.limit = limit;
    }

    /**
     * @param sourceLengths each sentence's source length (for the length limit)
     * @return each sentence's output tokens, without BOS and EOS
     */
    public int[][] decode(NextTokenScorer scorer, int[] sourceLengths) {
        int n = sourceLengths.length;
        int[][] prefixes = new int[n][];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            prefixes[i] = new int[] {Vocabulary.BOS};
        }
        int[][] out = new int[n][];
        while (true) {
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!done[i]) {
                    active.add(i);
                }
            }
            if (active.isEmpty()) {
                return out;
            }
            int[] rows = active.stream().mapToInt(Integer::intValue).toArray();
            int[][] asked = new int[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                asked[r] = prefixes[rows[r]];
            }
            double[][] logProbs = scorer.nextLogProbs(rows, asked);
            for (int r = 0; r < rows.length; r++) {
                int i = rows[r];
                int generated = prefixes[i].length; // tokens after BOS, counting this one
                int next = generated >= limit.of(sourceLengths[i]) ? Vocabulary.EOS : argmax(logProbs[r]);
                if (next == Vocabulary.EOS) {
                    done[i] = true;
                    out[i] = Arrays.copyOfRange(prefixes[i], 1, prefixes[i].length);
                } else {
                    prefixes[i] = Arrays.copyOf(prefixes[i], prefixes[i].length + 1);
                    prefixes[i][prefixes[i].length - 1] = next;
                }
            }
        }
    }

    static int argmax(double[] x) {
        int best = -1;
        for (int v = 0; v < x.length; v++) {
            if (v == Vocabulary.PAD || v == Vocabulary.BOS) {
                continue;
            }
            if (best < 0 || x[v] > x[best]) {
                best = v;
            }
        }
        return best;
    }
}
