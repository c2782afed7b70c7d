package io.lskd.nmt.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lskd.nmt.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Decoders against a fake model whose next-token distribution is a fixed pseudo-random function
 * of the sentence and the prefix: beam 1 equals greedy; a beam wide enough to keep every
 * hypothesis finds the exhaustive optimum of the length-normalised score; batching changes
 * nothing.
 */
class BeamSearchTest {

    private static final int V = 7; // 4 reserved + 3 words

    /** log softmax of pseudo-random logits seeded by (sentence, prefix). */
    private static double[] distribution(int sentence, int[] prefix) {
        long seed = sentence * 1_000_003L + Arrays.hashCode(prefix);
        SplittableRandom r = new SplittableRandom(seed);
        double[] z = new double[V];
        for (int v = 0; v < V; v++) {
            z[v] = r.nextGaussian() * 2;
        }
        z[Vocabulary.EOS] += prefix.length * 0.4; // longer prefixes end more readily
        double max = Arrays.stream(z).max().orElseThrow();
        double sum = Arrays.stream(z).map(x -> Math.exp(x - max)).sum();
        for (int v = 0; v < V; v++) {
            z[v] = z[v] - max - Math.log(sum);
        }
        return z;
    }

    private static final NextTokenScorer FAKE = (sentence, prefixes) -> {
        double[][] out = new double[prefixes.length][];
        for (int i = 0; i < prefixes.length; i++) {
            out[i] = distribution(sentence[i], prefixes[i]);
        }
        return out;
    };

    private static final LengthLimit LIMIT = new LengthLimit(0, 4, 4);

    @Test
    void beamOfOneIsGreedy() {
        int[] lengths = {3, 5, 2, 7, 4};
        int[][] greedy = new GreedyDecoder(LIMIT).decode(FAKE, lengths);
        int[][] beam = new BeamSearch(1, 1.0, LIMIT).decode(FAKE, lengths);
        for (int i = 0; i < lengths.length; i++) {
            assertArrayEquals(greedy[i], beam[i], "sentence " + i);
        }
    }

    @Test
    void aWideBeamFindsTheExhaustiveOptimum() {
        for (double lengthPenalty : new double[] {0.0, 1.0}) {
            int[] lengths = {3, 3, 3};
            int[][] beam = new BeamSearch(400, lengthPenalty, LIMIT).decode(FAKE, lengths);
            for (int s = 0; s < lengths.length; s++) {
                assertArrayEquals(exhaustive(s, LIMIT.of(3), lengthPenalty), beam[s], "sentence " + s);
            }
        }
    }

    @Test
    void batchingDoesNotChangeAnyOutput() {
        int[] lengths = {3, 5, 2, 7};
        int[][] together = new BeamSearch(3, 1.0, LIMIT).decode(FAKE, lengths);
        for (int s = 0; s < lengths.length; s++) {
            int sentence = s;
            NextTokenScorer alone = (rows, prefixes) -> FAKE.nextLogProbs(
                    Arrays.stream(rows).map(r -> sentence).toArray(), prefixes);
            assertArrayEquals(together[s], new BeamSearch(3, 1.0, LIMIT).decode(alone, new int[] {lengths[s]})[0]);
        }
    }

    @Test
    void theLengthLimitEndsEveryHypothesis() {
        NextTokenScorer neverEnds = (rows, prefixes) -> {
            double[][] out = new double[prefixes.length][V];
            for (double[] row : out) {
                Arrays.fill(row, Math.log(1.0 / (V - 1)));
                row[Vocabulary.EOS] = Double.NEGATIVE_INFINITY;
            }
            return out;
        };
        LengthLimit limit = new LengthLimit(1.0, 2, 100);
        int[][] out = new BeamSearch(2, 1.0, limit).decode(neverEnds, new int[] {3});
        assertEquals(limit.of(3) - 1, out[0].length, "limit counts EOS");
        assertEquals(limit.of(3) - 1, new GreedyDecoder(limit).decode(neverEnds, new int[] {3})[0].length);
    }

    /** The best sequence by score / length^lp over every sequence within the limit. */
    private static int[] exhaustive(int sentence, int maxLength, double lengthPenalty) {
        List<int[]> frontier = new ArrayList<>(List.of(new int[] {Vocabulary.BOS}));
        List<double[]> scores = new ArrayList<>(List.of(new double[] {0}));
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int step = 1; step <= maxLength; step++) {
            List<int[]> next = new ArrayList<>();
            List<double[]> nextScores = new ArrayList<>();
            for (int h = 0; h < frontier.size(); h++) {
                double[] lp = distribution(sentence, frontier.get(h));
                double end = (scores.get(h)[0] + lp[Vocabulary.EOS]) / Math.pow(step, lengthPenalty);
                if (end > bestScore) {
                    bestScore = end;
                    best = Arrays.copyOfRange(frontier.get(h), 1, frontier.get(h).length);
                }
                if (step == maxLength) {
                    continue;
                }
                for (int v = Vocabulary.UNK; v < V; v++) {
                    if (v == Vocabulary.EOS) {
                        continue;
                    }
                    int[] p = Arrays.copyOf(frontier.get(h), frontier.get(h).length + 1);
                    p[p.length - 1] = v;
                    next.add(p);
                    nextScores.add(new double[] {scores.get(h)[0] + lp[v]});
                }
            }
            frontier = next;
            scores = nextScores;
        }
        return best;
    }
}
