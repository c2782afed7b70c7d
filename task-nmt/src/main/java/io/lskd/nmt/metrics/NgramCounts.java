package io.lskd.nmt.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The n-gram counts of one segment, one map per order (index 0 holds the unigrams), as
 * sacreBLEU's {@code Counter}s. A word n-gram's key is its tokens joined by single spaces, which
 * is unambiguous because tokens never contain whitespace; a character n-gram's key is its
 * substring of whole code points, as Python slices strings.
 */
final class NgramCounts {

    private final Map<String, Integer>[] byOrder;
    private final long[] totals;

    @SuppressWarnings("unchecked")
    private NgramCounts(int maxOrder) {
        byOrder = new Map[maxOrder];
        totals = new long[maxOrder];
    }

    /** Word n-grams of orders 1 to {@code maxOrder} of {@code tokens}. */
    static NgramCounts ofWords(List<String> tokens, int maxOrder) {
        NgramCounts c = new NgramCounts(maxOrder);
        int len = tokens.size();
        StringBuilder key = new StringBuilder();
        for (int n = 1; n <= maxOrder; n++) {
            Map<String, Integer> m = new HashMap<>(2 * Math.max(len, 1));
            for (int i = 0; i + n <= len; i++) {
                key.setLength(0);
                key.append(tokens.get(i));
                for (int j = i + 1; j < i + n; j++) {
                    key.append(' ').append(tokens.get(j));
                }
                m.merge(key.toString(), 1, Integer::sum);
            }
            c.byOrder[n - 1] = m;
            c.totals[n - 1] = Math.max(0, len - n + 1);
        }
        return c;
    }

    /** Character n-grams of orders 1 to {@code maxOrder} of {@code text}, counted over code points. */
    static NgramCounts ofChars(String text, int maxOrder) {
        NgramCounts c = new NgramCounts(maxOrder);
        int points = text.codePointCount(0, text.length());
        // start[i] is the char offset of code point i; start[points] is the end
        int[] start = new int[points + 1];
        for (int i = 0, off = 0; i < points; i++) {
            start[i] = off;
            off += Character.charCount(text.codePointAt(off));
            start[i + 1] = off;
        }
        for (int n = 1; n <= maxOrder; n++) {
            Map<String, Integer> m = new HashMap<>(2 * Math.max(points, 1));
            for (int i = 0; i + n <= points; i++) {
                m.merge(text.substring(start[i], start[i + n]), 1, Integer::sum);
            }
            c.byOrder[n - 1] = m;
            c.totals[n - 1] = Math.max(0, points - n + 1);
        }
        return c;
    }

    /** The largest order counted. */
    int maxOrder() {
        return byOrder.length;
    }

    /** The counts of order {@code n} (1-based). */
    Map<String, Integer> order(int n) {
        return byOrder[n - 1];
    }

    /** How many n-grams of order {@code n} (1-based) there are, repeats included. */
    long total(int n) {
        return totals[n - 1];
    }

    /** The clipped matches of order {@code n}: the sum over this segment's n-grams of min(count here, count in other). */
    long matches(int n, NgramCounts other) {
        Map<String, Integer> theirs = other.byOrder[n - 1];
        long matched = 0;
        for (Map.Entry<String, Integer> e : byOrder[n - 1].entrySet()) {
            Integer count = theirs.get(e.getKey());
            if (count != null) {
                matched += Math.min(e.getValue(), count);
            }
        }
        return matched;
    }

    /** Merges {@code other} into this, keeping for each n-gram the larger count (BLEU's multi-reference clipping). */
    void maxWith(NgramCounts other) {
        for (int n = 0; n < byOrder.length; n++) {
            Map<String, Integer> mine = byOrder[n];
            other.byOrder[n].forEach((k, v) -> mine.merge(k, v, Math::max));
        }
    }
}
