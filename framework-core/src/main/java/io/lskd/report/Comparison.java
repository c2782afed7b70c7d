package io.lskd.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A paired comparison of one figure between two arms over the seeds both ran (runs are paired:
 * same seeds, same initial weights, same data order), with the verdict rule every claim uses.
 *
 * <p>Rule: with per-seed differences d_s = x_s(A) - x_s(B) over n common seeds, mean dbar and
 * sample std s_d, the standard error is se = s_d / sqrt(n). If n = 0 (the runs are missing)
 * the verdict is {@link Verdict#NOT_RUN}; if n = 1, {@link Verdict#TOO_FEW_SEEDS}. If |dbar| &lt;= 2 se the difference is {@link Verdict#WITHIN_NOISE};
 * otherwise it is {@link Verdict#REPRODUCED} when dbar has the sign the claim expects and
 * {@link Verdict#NOT_REPRODUCED} when it has the other. (2 se is a loose bar: with 3 seeds a
 * two-sided 95% paired t-test would need 4.3 se; the report shows dbar and se so a reader can
 * apply a stricter one.)
 *
 * @param expectedSign +1 when the claim says A is higher, -1 when lower
 */
record Comparison(String what, String a, String b, Map<Integer, Double> valuesA, Map<Integer, Double> valuesB,
                  int expectedSign) {

    /** The outcome of a claim's test. */
    enum Verdict {
        REPRODUCED("reproduced"), NOT_REPRODUCED("not reproduced"), WITHIN_NOISE("within noise"),
        TOO_FEW_SEEDS("too few seeds"), NOT_RUN("not run");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    /** Per-seed differences A - B over the seeds both have (NaN values skipped). */
    List<Double> differences() {
        List<Double> d = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : new TreeMap<>(valuesA).entrySet()) {
            Double other = valuesB.get(e.getKey());
            if (other != null && !Double.isNaN(other) && !Double.isNaN(e.getValue())) {
                d.add(e.getValue() - other);
            }
        }
        return d;
    }

    Stat difference() {
        return Stat.of(differences());
    }

    double standardError() {
        Stat d = difference();
        return d.std() / Math.sqrt(d.n());
    }

    Verdict verdict() {
        Stat d = difference();
        if (d.n() == 0) {
            return Verdict.NOT_RUN;
        }
        if (d.n() < 2) {
            return Verdict.TOO_FEW_SEEDS;
        }
        double se = standardError();
        if (Math.abs(d.mean()) <= 2 * se) {
            return Verdict.WITHIN_NOISE;
        }
        return Math.signum(d.mean()) == expectedSign ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED;
    }

    /** One line: what, both means ± std, the paired difference ± se, n, and the verdict. */
    String describe(double scale, int decimals) {
        return measure(scale, decimals) + " → **" + verdict().text + "**";
    }

    /** The same without a verdict, for figures shown as context of a claim rather than tested. */
    String measure(double scale, int decimals) {
        Stat sa = Stat.of(new ArrayList<>(valuesA.values()));
        Stat sb = Stat.of(new ArrayList<>(valuesB.values()));
        Stat d = difference();
        // one more decimal for the difference, which is usually smaller than the values
        String pattern = "%+." + (decimals + 1) + "f";
        String diff = d.n() == 0 ? "-" : String.format(Locale.ROOT, pattern, d.mean() * scale)
                + (d.n() > 1 ? String.format(Locale.ROOT, " ± %." + (decimals + 1) + "f (se)", standardError() * scale)
                : "");
        return String.format(Locale.ROOT, "%s: %s %s vs %s %s; paired difference %s over %d seeds", what, a,
                sa.format(scale, decimals), b, sb.format(scale, decimals), diff, d.n());
    }
}
