package io.lskd.nmt.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * chrF (Popović, WMT 2015) and chrF++ (Popović, WMT 2017) exactly as sacreBLEU 2.x computes
 * them ({@code sacrebleu/metrics/chrf.py}, release {@value SacreBleuSignature#VERSION}).
 *
 * <p>Character n-grams of orders 1..{@code charOrder} are counted over code points of the
 * segment with its whitespace removed (unless {@code whitespace}); chrF++ adds word n-grams
 * of orders 1..{@code wordOrder} over whitespace-separated words from which one ASCII
 * punctuation mark is split off at the end (or else at the start). For each order, the
 * statistics are hypothesis n-grams (counted only when the reference has n-grams of that
 * order), reference n-grams and clipped matches; with several references a segment keeps the
 * statistics of the reference with the best sentence-level score. The corpus statistics are
 * summed over segments, then with per-order precision {@code P_n} and recall {@code R_n}:
 * <pre>
 *   default (eff:yes): P = mean P_n, R = mean R_n over the orders where both hypothesis and
 *                      reference have n-grams;  chrF = 100 (1 + b^2) P R / (b^2 P + R)
 *   epsSmoothing:      chrF = 100 * mean over all orders of (1 + b^2) P_n R_n / (b^2 P_n + R_n),
 *                      with 1e-16 for an empty P_n, R_n or F_n (chrF++.py's convention)
 * </pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Chrf {

    /** chrF++.py's epsilon for empty precisions, recalls and F-scores. */
    private static final double EPS = 1e-16;

    /** Python's {@code string.punctuation}: what chrF++ splits off a word's end or start. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final ChrfOptions options;

    public Chrf(ChrfOptions options) {
        this.options = options;
    }

    /** chrF with sacreBLEU's defaults ({@link ChrfOptions#CHRF}). */
    public Chrf() {
        this(ChrfOptions.CHRF);
    }

    public ChrfOptions options() {
        return options;
    }

    /**
     * Corpus chrF of {@code hypotheses} against {@code referenceStreams}, each stream parallel to
     * the hypotheses (sacreBLEU's {@code corpus_score(hyps, [refs1, refs2, ...])}).
     *
     * @throws IllegalArgumentException when a stream's length differs from the hypotheses' (see {@link ReferenceStreams})
     */
    public ChrfScore corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
        List<List<String>> refs = ReferenceStreams.bySegment(hypotheses, referenceStreams);
        long[] total = new long[3 * order()];
        for (int i = 0; i < hypotheses.size(); i++) {
            long[] segment = segmentStatistics(hypotheses.get(i), refs.get(i));
            for (int k = 0; k < total.length; k++) {
                total[k] += segment[k];
            }
        }
        return new ChrfScore(fScore(total), options.charOrder(), options.wordOrder(), options.beta(), total,
                signature(ReferenceStreams.referencesPerSegment(refs)));
    }

    /** chrF of one hypothesis against its references (sacreBLEU's {@code sentence_score}). */
    public ChrfScore sentenceScore(String hypothesis, List<String> references) {
        List<List<String>> streams = new ArrayList<>(references.size());
        for (String r : references) {
            streams.add(Collections.singletonList(r));
        }
        return corpusScore(List.of(hypothesis), streams);
    }

    /** The signature of this computation with {@code referencesPerSegment} references (-1: variable). */
    public String signature(int referencesPerSegment) {
        return SacreBleuSignature.of(referencesPerSegment, "case:" + (options.lowercase() ? "lc" : "mixed")
                + "|eff:" + (options.epsSmoothing() ? "no" : "yes") + "|nc:" + options.charOrder()
                + "|nw:" + options.wordOrder() + "|space:" + (options.whitespace() ? "yes" : "no"));
    }

    private int order() {
        return options.charOrder() + options.wordOrder();
    }

    private String preprocess(String segment) {
        return options.lowercase() ? PythonText.lower(segment) : segment;
    }

    private long[] segmentStatistics(String hypothesis, List<String> references) {
        String hyp = preprocess(hypothesis);
        List<String> refs = new ArrayList<>(references.size());
        for (String r : references) {
            refs.add(preprocess(r));
        }
        NgramStatistics chars = options.whitespace()
                ? NgramStatistics.ofChars(hyp, refs, options.charOrder())
                : NgramStatistics.ofChars(PythonText.removeSpaces(hyp),
                        refs.stream().map(PythonText::removeSpaces).toList(), options.charOrder());
        NgramStatistics words = null;
        if (options.wordOrder() > 0) {
            words = NgramStatistics.ofWords(splitPunctuation(hyp),
                    refs.stream().map(Chrf::splitPunctuation).toList(), options.wordOrder());
        }
        long[] best = null;
        double bestF = -1.0;
        for (int r = 0; r < refs.size(); r++) {
            long[] stats = new long[3 * order()];
            int k = append(stats, 0, chars, r, options.charOrder());
            if (words != null) {
                append(stats, k, words, r, options.wordOrder());
            }
            double f = fScore(stats);
            if (f > bestF) {
                bestF = f;
                best = stats;
            }
        }
        return best;
    }

    /** Writes (hypothesis, reference, matched) n-grams of each order against reference r from stats[k]; returns the next k. */
    private static int append(long[] stats, int k, NgramStatistics ngrams, int r, int orders) {
        long[] matched = ngrams.matches(r, r + 1);
        for (int n = 1; n <= orders; n++) {
            long refTotal = ngrams.refTotal(r, n);
            // sacreBLEU counts hypothesis n-grams only when the reference has n-grams of that order
            stats[k++] = refTotal > 0 ? ngrams.hypTotal(n) : 0;
            stats[k++] = refTotal;
            stats[k++] = matched[n - 1];
        }
        return k;
    }

    /** sacreBLEU's {@code CHRF._compute_f_score}, step for step. */
    private double fScore(long[] stats) {
        double factor = (double) options.beta() * options.beta();
        double score = 0.0;
        double avgPrec = 0.0;
        double avgRec = 0.0;
        int effectiveOrder = 0;
        int order = order();
        for (int i = 0; i < order; i++) {
            long nHyp = stats[3 * i];
            long nRef = stats[3 * i + 1];
            long nMatch = stats[3 * i + 2];
            double prec = nHyp > 0 ? (double) nMatch / nHyp : EPS;
            double rec = nRef > 0 ? (double) nMatch / nRef : EPS;
            double denom = factor * prec + rec;
            score += denom > 0 ? (1 + factor) * prec * rec / denom : EPS;
            if (nHyp > 0 && nRef > 0) {
                avgPrec += prec;
                avgRec += rec;
                effectiveOrder++;
            }
        }
        if (options.epsSmoothing()) {
            return 100 * score / order;
        }
        if (effectiveOrder == 0) {
            avgPrec = 0.0;
            avgRec = 0.0;
        } else {
            avgPrec /= effectiveOrder;
            avgRec /= effectiveOrder;
        }
        if (avgPrec + avgRec != 0) {
            double f = (1 + factor) * avgPrec * avgRec;
            f /= (factor * avgPrec) + avgRec;
            return 100 * f;
        }
        return 0.0;
    }

    /**
     * sacreBLEU's {@code CHRF._remove_punctuation} (after chrF++.py): each word of two or more
     * code points loses one ASCII punctuation mark at its end or, failing that, at its start,
     * which becomes a word of its own ({@code (hi)} gives {@code (hi} and {@code )}).
     */
    static List<String> splitPunctuation(String segment) {
        List<String> words = PythonText.split(segment);
        List<String> out = new ArrayList<>(words.size() + 8);
        for (String w : words) {
            if (w.codePointCount(0, w.length()) == 1) {
                out.add(w);
                continue;
            }
            int last = w.codePointBefore(w.length());
            int first = w.codePointAt(0);
            if (isPunctuation(last)) {
                out.add(w.substring(0, w.length() - 1));
                out.add(w.substring(w.length() - 1));
            } else if (isPunctuation(first)) {
                out.add(w.substring(0, 1));
                out.add(w.substring(1));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean isPunctuation(int c) {
        return c < 128 && PUNCTUATION.indexOf(c) >= 0;
    }
}
