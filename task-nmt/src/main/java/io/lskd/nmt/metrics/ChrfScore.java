package io.lskd.nmt.metrics;

import java.util.Arrays;

/**
 * A chrF or chrF++ score, as sacreBLEU 2.x's {@code CHRFScore}, with the summed statistics it
 * was computed from.
 *
 * @param score      chrF in [0, 100]
 * @param charOrder  character n-gram orders used
 * @param wordOrder  word n-gram orders used (0: chrF, 2: chrF++)
 * @param beta       recall weight
 * @param statistics for each order (characters 1..charOrder, then words 1..wordOrder) three counts:
 *                   hypothesis n-grams, reference n-grams, matched n-grams, summed over segments
 * @param signature  sacreBLEU's signature, e.g. {@code nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0}
 */
public record ChrfScore(double score, int charOrder, int wordOrder, int beta, long[] statistics, String signature) {

    public ChrfScore {
        statistics = statistics.clone();
    }

    @Override
    public long[] statistics() {
        return statistics.clone();
    }

    /** sacreBLEU's name: {@code chrF2} for chrF, {@code chrF2++} for chrF++ (one '+' per word order). */
    public String name() {
        return "chrF" + beta + "+".repeat(wordOrder);
    }

    /** As sacreBLEU prints a score object: {@code chrF2 = 59.73}. */
    public String format() {
        return format(2, false);
    }

    /** As sacreBLEU's command line: {@code chrF2|<signature> = 59.7} with {@code width} decimals. */
    public String format(int width, boolean withSignature) {
        return name() + (withSignature ? "|" + signature : "") + " = " + scoreText(width);
    }

    /** The score with {@code width} decimals, as Python's {@code f"{score:.{width}f}"} prints it. */
    public String scoreText(int width) {
        return PythonText.fixed(score, width);
    }

    @Override
    public String toString() {
        return format() + " " + signature;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChrfScore c && Double.compare(score, c.score) == 0 && charOrder == c.charOrder
                && wordOrder == c.wordOrder && beta == c.beta && Arrays.equals(statistics, c.statistics)
                && signature.equals(c.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(score) + Arrays.hashCode(statistics) + signature.hashCode();
    }
}
