package io.lskd.run;

/** Durations as progress lines print them: {@code 7m05s}, {@code 2h03m09s}. */
public final class Durations {

    private Durations() {}

    /** Whole seconds, as minutes and seconds, or hours, minutes and seconds from an hour up. */
    public static String format(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : String.format("%dm%02ds", s / 60, s % 60);
    }
}
