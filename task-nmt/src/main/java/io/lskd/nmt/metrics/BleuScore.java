package io.lskd.nmt.metrics;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A BLEU score with its sufficient statistics, as sacreBLEU 2.x's {@code BLEUScore}.
 *
 * <p>{@code counts} and {@code totals} are the matched and total hypothesis n-grams of orders
 * 1 to N after smoothing, as sacreBLEU reports them: {@code add-k} adds its value to both for
 * orders above 1, which is why they are doubles (integral for every other method and for
 * integral k).
 *
 * @param score      BLEU in [0, 100]
 * @param counts     clipped n-gram matches per order
 * @param totals     hypothesis n-grams per order
 * @param precisions n-gram precisions in percent, smoothed
 * @param bp         brevity penalty
 * @param sysLen     hypothesis tokens
 * @param refLen     closest reference lengths, summed
 * @param signature  sacreBLEU's signature of the computation, e.g.
 *                   {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}
 */
public record BleuScore(double score, double[] counts, double[] totals, double[] precisions, double bp, long sysLen,
                        long refLen, String signature) {

    public BleuScore {
        counts = counts.clone();
        totals = totals.clone();
        precisions = precisions.clone();
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }

    @Override
    public double[] totals() {
        return totals.clone();
    }

    @Override
    public double[] precisions() {
        return precisions.clone();
    }

    /** Hypothesis length over reference length, 0 when there is no reference token (as sacreBLEU). */
    public double ratio() {
        return refLen == 0 ? 0 : (double) sysLen / refLen;
    }

    /** sacreBLEU's verbose part: {@code 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)}. */
    public String verbose() {
        StringJoiner p = new StringJoiner("/");
        for (double x : precisions) {
            p.add(PythonText.fixed(x, 1));
        }
        return p + " (BP = " + PythonText.fixed(bp, 3) + " ratio = " + PythonText.fixed(ratio(), 3)
                + " hyp_len = " + sysLen + " ref_len = " + refLen + ")";
    }

    /** As sacreBLEU prints a score object: {@code BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = ...)}. */
    public String format() {
        return format(2, false);
    }

    /**
     * As sacreBLEU's command line prints it: the score with {@code width} decimals, preceded by
     * {@code BLEU|<signature>} when {@code withSignature}, else by {@code BLEU}.
     */
    public String format(int width, boolean withSignature) {
        return (withSignature ? "BLEU|" + signature : "BLEU") + " = " + scoreText(width) + " " + verbose();
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
        return o instanceof BleuScore b && Double.compare(score, b.score) == 0 && Arrays.equals(counts, b.counts)
                && Arrays.equals(totals, b.totals) && Arrays.equals(precisions, b.precisions)
                && Double.compare(bp, b.bp) == 0 && sysLen == b.sysLen && refLen == b.refLen
                && signature.equals(b.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(score) + Arrays.hashCode(counts) + signature.hashCode();
    }
}
