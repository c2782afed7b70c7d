package io.lskd.config;

/**
 * Checks of a component's constructor arguments for users who build components with
 * {@code new} (suite files are checked earlier, by the spec reader). Every message names the
 * component, the parameter, the allowed interval in the notation of {@code lskd plugins} and
 * the value given: {@code "hinton: lambda must be in [0, 1], got 1.5"}.
 */
public final class Parameters {

    private Parameters() {
    }

    /** Returns {@code value} when it lies in [min, max] (ends excluded as flagged); NaN never does. */
    public static double inRange(String component, String parameter, double value, double min, boolean minExclusive,
                                 double max, boolean maxExclusive) {
        boolean aboveMin = minExclusive ? value > min : value >= min;
        boolean belowMax = maxExclusive ? value < max : value <= max;
        if (!(aboveMin && belowMax) || Double.isNaN(value)) {
            boolean openMin = minExclusive || Double.isInfinite(min);
            boolean openMax = maxExclusive || Double.isInfinite(max);
            throw new IllegalArgumentException(component + ": " + parameter + " must be in "
                    + (openMin ? "(" : "[") + Ranges.number(min) + ", " + Ranges.number(max) + (openMax ? ")" : "]")
                    + ", got " + value);
        }
        return value;
    }

    /** A temperature: positive and finite. */
    public static double temperature(String component, double value) {
        return inRange(component, "temperature", value, 0, true, Double.POSITIVE_INFINITY, true);
    }

    /** A weight of a loss term: at least 0 and finite. */
    public static double weight(String component, String parameter, double value) {
        return inRange(component, parameter, value, 0, false, Double.POSITIVE_INFINITY, true);
    }

    /** A mixing weight or smoothing mass in [0, 1]. */
    public static double fraction(String component, String parameter, double value) {
        return inRange(component, parameter, value, 0, false, 1, false);
    }

    /** The number of classes K: at least 2. */
    public static int numClasses(String component, int k) {
        if (k < 2) {
            throw new IllegalArgumentException(component + ": the number of classes K must be in [2, inf), got " + k);
        }
        return k;
    }
}
