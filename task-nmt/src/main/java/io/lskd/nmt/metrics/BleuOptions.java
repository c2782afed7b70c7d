package io.lskd.nmt.metrics;

/**
 * The options of {@link Bleu}, named and defaulted as in sacreBLEU 2.x's {@code BLEU} class.
 *
 * @param tokenizer      how segments are split into words ({@code 13a} by default)
 * @param lowercase      compare case-insensitively (Python's {@code str.lower()})
 * @param smoothMethod   how zero n-gram precisions are smoothed ({@code exp} by default)
 * @param smoothValue    the value of {@code floor} or {@code add-k}; NaN selects the method's default
 *                       (0.1 and 1); ignored (stored as NaN) by {@code exp} and {@code none}, as
 *                       sacreBLEU ignores it
 * @param maxNgramOrder  the largest n-gram order (4)
 * @param effectiveOrder average the log precisions only over the orders with at least one
 *                       n-gram in the hypotheses; recommended for sentence-level BLEU
 */
public record BleuOptions(BleuTokenizer tokenizer, boolean lowercase, SmoothMethod smoothMethod, double smoothValue,
                          int maxNgramOrder, boolean effectiveOrder) {

    /** sacreBLEU's defaults: {@code nrefs:?|case:mixed|eff:no|tok:13a|smooth:exp}. */
    public static final BleuOptions DEFAULT =
            new BleuOptions(BleuTokenizer.THIRTEEN_A, false, SmoothMethod.EXP, Double.NaN, 4, false);

    /** The defaults with effective order, as sacreBLEU's {@code sentence_bleu} and {@code --sentence-level} use. */
    public static final BleuOptions SENTENCE = DEFAULT.withEffectiveOrder(true);

    public BleuOptions {
        if (tokenizer == null || smoothMethod == null) {
            throw new IllegalArgumentException("BLEU tokenizer and smoothing method must be given");
        }
        if (maxNgramOrder < 1) {
            throw new IllegalArgumentException("BLEU max n-gram order must be at least 1, got " + maxNgramOrder);
        }
        if (!smoothMethod.takesValue()) {
            smoothValue = Double.NaN;
        } else if (Double.isNaN(smoothValue)) {
            smoothValue = smoothMethod.defaultValue();
        } else if (Double.isInfinite(smoothValue) || smoothValue < 0) {
            throw new IllegalArgumentException("BLEU smooth value must be a finite number >= 0, got " + smoothValue);
        }
    }

    public BleuOptions withTokenizer(BleuTokenizer t) {
        return new BleuOptions(t, lowercase, smoothMethod, smoothValue, maxNgramOrder, effectiveOrder);
    }

    public BleuOptions withLowercase(boolean lc) {
        return new BleuOptions(tokenizer, lc, smoothMethod, smoothValue, maxNgramOrder, effectiveOrder);
    }

    /** The smoothing {@code method} with its default value. */
    public BleuOptions withSmoothing(SmoothMethod method) {
        return withSmoothing(method, Double.NaN);
    }

    /** The smoothing {@code method} with {@code value} (NaN: the method's default). */
    public BleuOptions withSmoothing(SmoothMethod method, double value) {
        return new BleuOptions(tokenizer, lowercase, method, value, maxNgramOrder, effectiveOrder);
    }

    public BleuOptions withMaxNgramOrder(int order) {
        return new BleuOptions(tokenizer, lowercase, smoothMethod, smoothValue, order, effectiveOrder);
    }

    public BleuOptions withEffectiveOrder(boolean eff) {
        return new BleuOptions(tokenizer, lowercase, smoothMethod, smoothValue, maxNgramOrder, eff);
    }
}
