package io.lskd.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The allowed interval of a numeric component (int, long, double, boxed or not). On a
 * {@code List} or {@code Map} component it applies to every element or value, so
 * {@code @Range(min = 1) List<Integer> seeds} checks each seed.
 *
 * <p>Declared on the component rather than only checked in the constructor so that the walker
 * can report every violation at once and {@code lskd plugins} can print the interval.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Range {

    /** The lower bound; unbounded by default. */
    double min() default Double.NEGATIVE_INFINITY;

    /** The upper bound; unbounded by default. */
    double max() default Double.POSITIVE_INFINITY;

    /** Whether {@link #min} itself is excluded. */
    boolean minExclusive() default false;

    /** Whether {@link #max} itself is excluded. */
    boolean maxExclusive() default false;
}
