package io.lskd.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The valid name closest to a misspelt one, for "did you mean ...?" hints on unknown keys,
 * type names and choices.
 *
 * <p>Distance is the optimal-string-alignment (restricted Damerau-Levenshtein) distance on
 * lower-cased names, so a swapped pair of letters ({@code unifrom}) or a capital
 * ({@code Alpha}) costs one edit. A name is suggested only when it is within a third of the
 * given name's length (at least one edit), so unrelated names are never offered; ties go to
 * the alphabetically first name, keeping messages deterministic.
 */
public final class NearestName {

    private NearestName() {
    }

    /** The closest candidate within the distance limit, if any. */
    public static Optional<String> among(String given, Collection<String> candidates) {
        int limit = Math.max(1, given.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(given, candidate);
            if (d <= limit && (d < bestDistance || d == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The optimal-string-alignment distance between two names, ignoring case. */
    static int distance(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[s.length() + 1][t.length() + 1];
        for (int i = 0; i <= s.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= t.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[s.length()][t.length()];
    }
}
