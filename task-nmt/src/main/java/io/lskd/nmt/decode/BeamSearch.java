package io.lskd.nmt.decode;

import io.lskd.nmt.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Batched beam search, after fairseq's {@code SequenceGenerator}: every unfinished sentence
 * keeps {@code beamSize} hypotheses; each step scores all of them in one call, takes the
 * 2 x beam best extensions per sentence, sets aside those that end in EOS among the first
 * beam of them as finished (score divided by length^lengthPenalty, the length counting EOS),
 * and keeps the best beam that do not. A sentence stops when it has beam finished hypotheses;
 * at the length limit every hypothesis is forced to end (fairseq's rule). The output is the finished
 * hypothesis with the best normalised score. PAD and BOS are never generated.
 */
public final class BeamSearch {

    private final int beamSize;
    private final double lengthPenalty;
    private final LengthLimit limit;

    /**
     * @param lengthPenalty the exponent of the length normalisation (fairseq's lenpen, 1 = the
     *     mean log-probability per token; 0 = raw sum, which favours short outputs)
     */
    public BeamSearch(int beamSize, double lengthPenalty, LengthLimit limit) {
        if (beamSize < 1) {
            throw new IllegalArgumentException("beam size must be at least 1, got " + beamSize);
        }
        this.beamSize = beamSize;
        this.lengthPenalty = lengthPenalty;
        this.limit = limit;
    }

    private record Hypothesis(int[] tokens, double score) {
    }

    private record Finished(int[] tokens, double normalised) {
    }

    /**
     * @param sourceLengths each sentence's source length (for the length limit)
     * @return each sentence's best output, without BOS and EOS
     */
    public int[][] decode(NextTokenScorer scorer, int[] sourceLengths) {
        int n = sourceLengths.length;
        List<List<Hypothesis>> beams = new ArrayList<>();
        List<List<Finished>> finished = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            beams.add(List.of(new Hypothesis(new int[] {Vocabulary.BOS}, 0.0)));
            finished.add(new ArrayList<>());
        }
        while (true) {
            List<Integer> rowSentence = new ArrayList<>();
            List<int[]> rowPrefix = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!beams.get(i).isEmpty()) {
                    for (Hypothesis h : beams.get(i)) {
                        rowSentence.add(i);
                        rowPrefix.add(h.tokens());
                    }
                }
            }
            if (rowSentence.isEmpty()) {
                break;
            }
            int[] sentence = rowSentence.stream().mapToInt(Integer::intValue).toArray();
            double[][] logProbs = scorer.nextLogProbs(sentence, rowPrefix.toArray(new int[0][]));
            int row = 0;
            for (int i = 0; i < n; i++) {
                List<Hypothesis> current = beams.get(i);
                if (current.isEmpty()) {
                    continue;
                }
                double[][] rows = Arrays.copyOfRange(logProbs, row, row + current.size());
                row += current.size();
                beams.set(i, step(current, rows, limit.of(sourceLengths[i]), finished.get(i)));
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            Finished best = finished.get(i).stream().max(Comparator.comparingDouble(Finished::normalised)).orElseThrow();
            out[i] = best.tokens();
        }
        return out;
    }

    /** One step of one sentence: returns its next beam, adding finished hypotheses to {@code done}. */
    private List<Hypothesis> step(List<Hypothesis> beam, double[][] logProbs, int maxLength, List<Finished> done) {
        int generated = beam.get(0).tokens().length; // tokens after BOS, counting the one chosen now
        record Candidate(int parent, int token, double score) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int h = 0; h < beam.size(); h++) {
            double base = beam.get(h).score();
            if (generated >= maxLength) {
                candidates.add(new Candidate(h, Vocabulary.EOS, base + logProbs[h][Vocabulary.EOS]));
                continue;
            }
            for (int v : topTokens(logProbs[h], 2 * beamSize)) {
                candidates.add(new Candidate(h, v, base + logProbs[h][v]));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparingInt(Candidate::parent).thenComparingInt(Candidate::token));
        List<Hypothesis> next = new ArrayList<>();
        for (int c = 0; c < candidates.size() && next.size() < beamSize && done.size() < beamSize; c++) {
            Candidate cand = candidates.get(c);
            int[] parent = beam.get(cand.parent()).tokens();
            if (cand.token() == Vocabulary.EOS) {
                if (c < beamSize) {
                    done.add(new Finished(Arrays.copyOfRange(parent, 1, parent.length),
                            cand.score() / Math.pow(generated, lengthPenalty)));
                }
            } else {
                int[] tokens = Arrays.copyOf(parent, parent.length + 1);
                tokens[parent.length] = cand.token();
                next.add(new Hypothesis(tokens, cand.score()));
            }
        }
        return done.size() >= beamSize ? List.of() : next;
    }

    /** The k highest-scoring tokens other than PAD and BOS, best first (ties: lower id). */
    static int[] topTokens(double[] x, int k) {
        int[] top = new int[Math.min(k, x.length - 2)];
        int filled = 0;
        for (int v = 0; v < x.length; v++) {
            if (v == Vocabulary.PAD || v == Vocabulary.BOS) {
                continue;
            }
            if (filled < top.length) {
                top[filled++] = v;
            } else if (x[v] > x[top[top.length - 1]]) {
                top[top.length - 1] = v;
            } else {
                continue;
            }
            for (int j = filled - 1; j > 0 && x[top[j]] > x[top[j - 1]]; j--) {
                int t = top[j];
                top[j] = top[j - 1];
                top[j - 1] = t;
            }
        }
        return top;
    }
}
