package io.lskd.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The allowed values of a string component (or of each element or value of a {@code List} or
 * {@code Map} of strings). A value outside the set is reported with the set and the nearest
 * member.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OneOf {

    /** The allowed values, compared exactly. */
    String[] value();
}
