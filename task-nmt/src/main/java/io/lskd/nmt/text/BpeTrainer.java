package io.lskd.nmt.text;

import io.lskd.nmt.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Learns a {@link Bpe} from text: start from the characters, then repeatedly merge the most
 * frequent adjacent pair of symbols within {@link PreTokenizer} segments until the vocabulary
 * has the requested size (Sennrich et al. 2016). Ties go to the pair whose symbols sort first,
 * so the result depends only on the text, never on hash order. Pair counts are updated only in
 * the segments a merge touches, with a lazily invalidated priority queue.
 */
public final class BpeTrainer {

    private BpeTrainer() {}

    /**
     * @param texts every training sentence of both languages (a joint vocabulary)
     * @param vocabSize the size to reach, reserved symbols included; fewer when the text runs
     *     out of pairs
     */
    public static Bpe train(Iterable<String> texts, int vocabSize) {
        Map<String, Integer> segmentCounts = new HashMap<>();
        for (String text : texts) {
            for (String s : PreTokenizer.segments(text)) {
                segmentCounts.merge(s, 1, Integer::sum);
            }
        }
        TreeSet<String> chars = new TreeSet<>();
        segmentCounts.keySet().forEach(s -> s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp)))));
        List<String> symbols = new ArrayList<>(Arrays.asList(Vocabulary.RESERVED));
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            ids.put(symbols.get(i), i);
        }
        for (String c : chars) {
            ids.put(c, symbols.size());
            symbols.add(c);
        }
        if (symbols.size() > vocabSize) {
            throw new IllegalArgumentException("the text has " + chars.size() + " distinct characters; a vocabulary of "
                    + vocabSize + " cannot hold them and the " + Vocabulary.RESERVED.length + " reserved symbols");
        }
        // unique segments in sorted order, as symbol-id sequences with their counts
        List<String> keys = new ArrayList<>(new TreeSet<>(segmentCounts.keySet()));
        int[][] words = new int[keys.size()][];
        long[] freq = new long[keys.size()];
        for (int w = 0; w < words.length; w++) {
            words[w] = keys.get(w).codePoints().map(cp -> ids.get(new String(Character.toChars(cp)))).toArray();
            freq[w] = segmentCounts.get(keys.get(w));
        }
        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int w = 0; w < words.length; w++) {
            addPairs(words[w], freq[w], w, pairCounts, where);
        }
        PriorityQueue<Candidate> queue = new PriorityQueue<>();
        pairCounts.forEach((pair, count) -> queue.add(new Candidate(pair, count, symbols)));
        List<String[]> merges = new ArrayList<>();
        while (symbols.size() < vocabSize && !queue.isEmpty()) {
            Candidate best = queue.poll();
            Long current = pairCounts.get(best.pair);
            if (current == null || current != best.count) {
                continue; // stale entry
            }
            if (current < 2) {
                break; // nothing left that repeats
            }
            int a = (int) (best.pair >>> 32);
            int b = (int) (long) best.pair;
            String merged = symbols.get(a) + symbols.get(b);
            int id = symbols.size();
            symbols.add(merged);
            ids.put(merged, id);
            merges.add(new String[] {symbols.get(a), symbols.get(b)});
            Set<Long> changed = new HashSet<>();
            for (int w : where.remove(best.pair)) {
                int[] word = words[w];
                if (!contains(word, a, b)) {
                    continue;
                }
                removePairs(word, freq[w], pairCounts, changed);
                words[w] = merge(word, a, b, id);
                addPairs(words[w], freq[w], w, pairCounts, where);
                collectPairs(words[w], changed);
            }
            pairCounts.remove(best.pair);
            for (long pair : changed) {
                Long count = pairCounts.get(pair);
                if (count != null && count > 0) {
                    queue.add(new Candidate(pair, count, symbols));
                }
            }
        }
        return new Bpe(symbols, merges);
    }

    private record Candidate(long pair, long count, String left, String right) implements Comparable<Candidate> {
        Candidate(long pair, long count, List<String> symbols) {
            this(pair, count, symbols.get((int) (pair >>> 32)), symbols.get((int) pair));
        }

        @Override
        public int compareTo(Candidate o) {
            if (count != o.count) {
                return Long.compare(o.count, count);
            }
            int c = left.compareTo(o.left);
            return c != 0 ? c : right.compareTo(o.right);
        }
    }

    private static boolean contains(int[] word, int a, int b) {
        for (int i = 0; i + 1 < word.length; i++) {
            if (word[i] == a && word[i + 1] == b) {
                return true;
            }
        }
        return false;
    }

    private static int[] merge(int[] word, int a, int b, int id) {
        int[] out = new int[word.length];
        int n = 0;
        for (int i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] == a && word[i + 1] == b) {
                out[n++] = id;
                i++;
            } else {
                out[n++] = word[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static void addPairs(int[] word, long f, int w, Map<Long, Long> counts, Map<Long, Set<Integer>> where) {
        for (int i = 0; i + 1 < word.length; i++) {
            long k = Bpe.key(word[i], word[i + 1]);
            counts.merge(k, f, Long::sum);
            where.computeIfAbsent(k, x -> new TreeSet<>()).add(w);
        }
    }

    private static void removePairs(int[] word, long f, Map<Long, Long> counts, Set<Long> changed) {
        for (int i = 0; i + 1 < word.length; i++) {
            long k = Bpe.key(word[i], word[i + 1]);
            long left = counts.merge(k, -f, Long::sum);
            if (left <= 0) {
                counts.remove(k);
            }
            changed.add(k);
        }
    }

    private static void collectPairs(int[] word, Set<Long> changed) {
        for (int i = 0; i + 1 < word.length; i++) {
            changed.add(Bpe.key(word[i], word[i + 1]));
        }
    }
}
