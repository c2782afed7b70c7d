package io.lskd.nmt.metrics;

import java.util.Arrays;

/**
 * Gives every distinct n-gram of one segment (its hypothesis and references together) a small
 * integer id, so n-grams are counted in arrays instead of hash maps of strings.
 *
 * <p>Units (words or characters) have ids below {@code firstId}, given by the caller, or are
 * code points interned here ({@link #codePoints}). The id of an n-gram of order n &gt; 1 is the
 * interned pair (id of its first n-1 units, id of its last unit), packed into one
 * {@code long}. Every id is given once, to one unit or one n-gram, so equal n-grams get equal
 * ids and different n-grams (of any orders) different ids, exactly. Counting ids is counting
 * n-grams, as sacreBLEU's {@code Counter}s of tuples or strings do, only faster.
 */
final class NgramIds {

    private static final long EMPTY = -1L;

    private long[] keys = new long[256];
    private int[] values = new int[256];
    private int size;
    private int next;

    /** @param firstId one more than the largest unit id the caller gives (0 for {@link #codePoints}) */
    NgramIds(int firstId) {
        Arrays.fill(keys, EMPTY);
        next = firstId;
    }

    /** One more than the largest id given so far: the length of an array indexed by ids. */
    int bound() {
        return next;
    }

    /**
     * The n-gram ids of {@code units} for orders 1..maxOrder: element n-1 has one id per start
     * position, {@code max(0, units.length - n + 1)} of them (element 0 is {@code units} itself).
     */
    int[][] of(int[] units, int maxOrder) {
        int[][] ids = new int[maxOrder][];
        if (maxOrder == 0) {
            return ids;
        }
        ids[0] = units;
        for (int n = 2; n <= maxOrder; n++) {
            int[] prefix = ids[n - 2];
            int count = Math.max(0, units.length - n + 1);
            int[] these = new int[count];
            for (int i = 0; i < count; i++) {
                these[i] = intern(((long) prefix[i] << 32) | units[i + n - 1]);
            }
            ids[n - 1] = these;
        }
        return ids;
    }

    /** Unit ids for the code points of {@code text}, dense from {@code firstId} on. */
    int[] codePoints(String text) {
        int[] units = text.codePoints().toArray();
        for (int i = 0; i < units.length; i++) {
            // negative keys never clash with pairs, whose ids are non-negative; -1 marks free slots
            units[i] = intern(-2L - units[i]);
        }
        return units;
    }

    private int intern(long key) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = hash(key) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = next;
        size++;
        return next++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = hash(oldKeys[i]) & mask;
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
