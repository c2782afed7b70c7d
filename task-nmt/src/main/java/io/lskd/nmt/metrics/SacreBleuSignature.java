package io.lskd.nmt.metrics;

/**
 * The parts of sacreBLEU's reproducibility signature shared by every metric.
 *
 * <p>The version printed is {@value #VERSION}, sacreBLEU's own: this package reproduces that
 * release's computation (every golden case in the tests comes from it), and the signature's
 * purpose is to say which computation produced a score. A score signed
 * {@code version:2.6.0} here is the number sacreBLEU 2.6.0 prints for the same files and
 * options, so it can be compared with published sacreBLEU scores; printing an lskd version
 * instead would make equal scores look incomparable.
 */
final class SacreBleuSignature {

    /** The sacreBLEU release reproduced, as it prints itself. */
    static final String VERSION = "2.6.0";

    private SacreBleuSignature() {
    }

    /** sacreBLEU's {@code nrefs} field: the references per segment, or {@code var} when it varies (-1). */
    static String nrefs(int referencesPerSegment) {
        return "nrefs:" + (referencesPerSegment < 0 ? "var" : Integer.toString(referencesPerSegment));
    }

    /** {@code nrefs:N|<metric fields>|version:2.6.0}. */
    static String of(int referencesPerSegment, String metricFields) {
        return nrefs(referencesPerSegment) + "|" + metricFields + "|version:" + VERSION;
    }
}
