package io.lskd.nmt.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The {@code re.sub} passes of sacreBLEU's tokenizers as scans over code points. Every pattern
 * there is one or two single-character classes, so a match is exactly one or two code points
 * and {@code re.sub}'s leftmost, non-overlapping matching becomes: try at position i; on a
 * match emit the replacement and continue after it, else emit the code point and move on.
 * This is several times faster than {@link java.util.regex} on the same passes and uses
 * Python's, not Java's, Unicode classes where they matter.
 */
final class CodePointRewrites {

    private CodePointRewrites() {
    }

    /** {@code re.sub("([c])", r" \1 ", s)}: a space on each side of every code point in the class. */
    static int[] isolate(int[] cps, IntPredicate cls) {
        int[] out = new int[cps.length * 3];
        int o = 0;
        for (int c : cps) {
            if (cls.test(c)) {
                out[o++] = ' ';
                out[o++] = c;
                out[o++] = ' ';
            } else {
                out[o++] = c;
            }
        }
        return java.util.Arrays.copyOf(out, o);
    }

    /**
     * {@code re.sub("([a])([b])", r"\1 \2 ", s)}, or with {@code leadingSpace}
     * {@code re.sub("([a])([b])", r" \1 \2", s)}.
     */
    static int[] separatePairs(int[] cps, IntPredicate first, IntPredicate second, boolean leadingSpace) {
        int[] out = new int[cps.length * 2];
        int o = 0;
        int i = 0;
        while (i < cps.length) {
            if (i + 1 < cps.length && first.test(cps[i]) && second.test(cps[i + 1])) {
                if (leadingSpace) {
                    out[o++] = ' ';
                }
                out[o++] = cps[i];
                out[o++] = ' ';
                out[o++] = cps[i + 1];
                if (!leadingSpace) {
                    out[o++] = ' ';
                }
                i += 2;
            } else {
                out[o++] = cps[i++];
            }
        }
        return java.util.Arrays.copyOf(out, o);
    }

    /** {@code s.split()} of the code points: the maximal runs of non-whitespace (Python's whitespace). */
    static List<String> split(int[] cps) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < cps.length) {
            if (PythonText.isSpace(cps[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < cps.length && !PythonText.isSpace(cps[i])) {
                i++;
            }
            tokens.add(new String(cps, start, i - start));
        }
        return tokens;
    }
}
