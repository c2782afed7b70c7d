package io.lskd.nmt.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The n-gram counts of one segment's hypothesis and references, over ids from {@link NgramIds}.
 * Counts live in arrays indexed by n-gram id, shared by the segment's sequences.
 */
final class NgramStatistics {

    private final int[][] hyp;
    private final int[][][] refs;
    private final int bound;

    private NgramStatistics(int[][] hyp, int[][][] refs, int bound) {
        this.hyp = hyp;
        this.refs = refs;
        this.bound = bound;
    }

    /** Word n-grams of orders 1..maxOrder of a hypothesis and its references. */
    static NgramStatistics ofWords(List<String> hyp, List<List<String>> refs, int maxOrder) {
        Map<String, Integer> vocabulary = new HashMap<>();
        int[] hypUnits = wordIds(hyp, vocabulary);
        int[][] refUnits = new int[refs.size()][];
        for (int r = 0; r < refUnits.length; r++) {
            refUnits[r] = wordIds(refs.get(r), vocabulary);
        }
        return index(new NgramIds(vocabulary.size()), hypUnits, refUnits, maxOrder);
    }

    /** Character n-grams (over code points) of orders 1..maxOrder of a hypothesis and its references. */
    static NgramStatistics ofChars(String hyp, List<String> refs, int maxOrder) {
        NgramIds ids = new NgramIds(0);
        int[] hypUnits = ids.codePoints(hyp);
        int[][] refUnits = new int[refs.size()][];
        for (int r = 0; r < refUnits.length; r++) {
            refUnits[r] = ids.codePoints(refs.get(r));
        }
        return index(ids, hypUnits, refUnits, maxOrder);
    }

    private static NgramStatistics index(NgramIds ids, int[] hypUnits, int[][] refUnits, int maxOrder) {
        int[][] hyp = ids.of(hypUnits, maxOrder);
        int[][][] refs = new int[refUnits.length][][];
        for (int r = 0; r < refs.length; r++) {
            refs[r] = ids.of(refUnits[r], maxOrder);
        }
        return new NgramStatistics(hyp, refs, ids.bound());
    }

    private static int[] wordIds(List<String> words, Map<String, Integer> vocabulary) {
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = vocabulary.get(words.get(i));
            if (id == null) {
                id = vocabulary.size();
                vocabulary.put(words.get(i), id);
            }
            ids[i] = id;
        }
        return ids;
    }

    /** The number of references. */
    int references() {
        return refs.length;
    }

    /** Hypothesis n-grams of order n (1-based), repeats included. */
    long hypTotal(int n) {
        return hyp[n - 1].length;
    }

    /** Reference {@code r}'s n-grams of order n, repeats included. */
    long refTotal(int r, int n) {
        return refs[r][n - 1].length;
    }

    /** Reference lengths in units. */
    int[] refLengths() {
        int[] lens = new int[refs.length];
        for (int r = 0; r < lens.length; r++) {
            lens[r] = refs[r].length == 0 ? 0 : refs[r][0].length;
        }
        return lens;
    }

    /**
     * Clipped matches of every order against the references {@code from..to-1} merged by
     * taking each n-gram's largest count in any one of them (BLEU's multi-reference clipping;
     * a single reference for chrF): {@code sum over distinct hypothesis n-grams of min(count in
     * hypothesis, largest reference count)}.
     */
    long[] matches(int from, int to) {
        int orders = hyp.length;
        int[] refMax = new int[bound];
        int[] count = new int[bound];
        for (int r = from; r < to; r++) {
            for (int[] ngrams : refs[r]) {
                for (int id : ngrams) {
                    count[id]++;
                }
                for (int id : ngrams) {
                    if (count[id] > refMax[id]) {
                        refMax[id] = count[id];
                    }
                }
                for (int id : ngrams) {
                    count[id] = 0;
                }
            }
        }
        long[] matched = new long[orders];
        for (int n = 0; n < orders; n++) {
            for (int id : hyp[n]) {
                count[id]++;
            }
            for (int id : hyp[n]) {
                if (count[id] > 0) {
                    matched[n] += Math.min(count[id], refMax[id]);
                    count[id] = 0; // each distinct n-gram once
                }
            }
        }
        return matched;
    }
}
