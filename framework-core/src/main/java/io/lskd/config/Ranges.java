package io.lskd.config;

/**
 * Checks and prints {@link Range} intervals in one place, so the walker's messages and
 * {@code lskd plugins} show the same notation: {@code [0, 1]}, {@code (0, inf)}.
 */
final class Ranges {

    private Ranges() {
    }

    static boolean contains(Range range, double x) {
        boolean aboveMin = range.minExclusive() ? x > range.min() : x >= range.min();
        boolean belowMax = range.maxExclusive() ? x < range.max() : x <= range.max();
        return aboveMin && belowMax;
    }

    /** The interval in mathematical notation; an infinite end is always open. */
    static String describe(Range range) {
        boolean openMin = range.minExclusive() || Double.isInfinite(range.min());
        boolean openMax = range.maxExclusive() || Double.isInfinite(range.max());
        return (openMin ? "(" : "[") + number(range.min()) + ", " + number(range.max()) + (openMax ? ")" : "]");
    }

    /** A bound without a spurious {@code .0} on whole numbers. */
    static String number(double x) {
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }
}
