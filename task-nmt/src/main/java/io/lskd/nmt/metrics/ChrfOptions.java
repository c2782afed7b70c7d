package io.lskd.nmt.metrics;

/**
 * The options of {@link Chrf}, named and defaulted as in sacreBLEU 2.x's {@code CHRF} class.
 *
 * @param charOrder    the largest character n-gram order (6)
 * @param wordOrder    the largest word n-gram order: 0 for chrF, 2 for chrF++
 * @param beta         recall weighs beta times as much as precision (2)
 * @param lowercase    compare case-insensitively
 * @param whitespace   keep whitespace in character n-grams (sacreBLEU removes it by default)
 * @param epsSmoothing average the per-order F-scores with an epsilon for empty orders, as chrF++.py,
 *                     NLTK and Moses do, instead of sacreBLEU's default of averaging precision and
 *                     recall over the orders present (the signature's {@code eff:yes})
 */
public record ChrfOptions(int charOrder, int wordOrder, int beta, boolean lowercase, boolean whitespace,
                          boolean epsSmoothing) {

    /** chrF: sacreBLEU's defaults, {@code nc:6|nw:0}. */
    public static final ChrfOptions CHRF = new ChrfOptions(6, 0, 2, false, false, false);

    /** chrF++ (Popović, WMT 2017): chrF with word unigrams and bigrams, {@code nc:6|nw:2}. */
    public static final ChrfOptions CHRF_PLUS_PLUS = new ChrfOptions(6, 2, 2, false, false, false);

    public ChrfOptions {
        if (charOrder < 0 || wordOrder < 0 || charOrder + wordOrder == 0) {
            throw new IllegalArgumentException("chrF needs non-negative character and word orders, not both 0; got "
                    + charOrder + " and " + wordOrder);
        }
        if (beta < 0) {
            throw new IllegalArgumentException("chrF beta must be >= 0, got " + beta);
        }
    }

    public ChrfOptions withWordOrder(int order) {
        return new ChrfOptions(charOrder, order, beta, lowercase, whitespace, epsSmoothing);
    }

    public ChrfOptions withCharOrder(int order) {
        return new ChrfOptions(order, wordOrder, beta, lowercase, whitespace, epsSmoothing);
    }

    public ChrfOptions withBeta(int b) {
        return new ChrfOptions(charOrder, wordOrder, b, lowercase, whitespace, epsSmoothing);
    }

    public ChrfOptions withLowercase(boolean lc) {
        return new ChrfOptions(charOrder, wordOrder, beta, lc, whitespace, epsSmoothing);
    }

    public ChrfOptions withWhitespace(boolean ws) {
        return new ChrfOptions(charOrder, wordOrder, beta, lowercase, ws, epsSmoothing);
    }

    public ChrfOptions withEpsSmoothing(boolean eps) {
        return new ChrfOptions(charOrder, wordOrder, beta, lowercase, whitespace, eps);
    }
}
