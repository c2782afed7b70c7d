package io.lskd.nmt.metrics;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * BLEU's smoothing of zero n-gram precisions, as sacreBLEU 2.x implements the methods of Chen
 * and Cherry, "A Systematic Comparison of Smoothing Techniques for Sentence-Level BLEU" (WMT
 * 2014), with their default values.
 */
public enum SmoothMethod {

    /** No smoothing: a zero precision makes BLEU 0. */
    NONE("none", Double.NaN),
    /** Method 1: a zero match count becomes {@code value} (default 0.1). */
    FLOOR("floor", 0.1),
    /** Method 2: {@code value} (default 1) is added to the match count and total of n &gt; 1. */
    ADD_K("add-k", 1),
    /** Method 3, NIST's (mteval-v13a): the k-th zero precision becomes 1 / (2^k total). */
    EXP("exp", Double.NaN);

    private final String signatureName;
    private final double defaultValue;

    SmoothMethod(String signatureName, double defaultValue) {
        this.signatureName = signatureName;
        this.defaultValue = defaultValue;
    }

    /** The name sacreBLEU uses on its command line and in the signature. */
    public String signatureName() {
        return signatureName;
    }

    /** Whether the method has a value (floor and add-k), which then shows in the signature. */
    public boolean takesValue() {
        return !Double.isNaN(defaultValue);
    }

    /** The default value of floor and add-k; NaN for the others. */
    public double defaultValue() {
        return defaultValue;
    }

    /** The method sacreBLEU calls {@code name}. */
    public static SmoothMethod named(String name) {
        for (SmoothMethod m : values()) {
            if (m.signatureName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown BLEU smoothing method '" + name + "'; expected one of "
                + Arrays.stream(values()).map(SmoothMethod::signatureName).collect(Collectors.joining(", ")));
    }
}
