package io.lskd.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable lower-case name of a polymorphic spec subtype, written as the {@code "type"} of
 * its JSON object, e.g. {@code {"type": "uniform", "alpha": 0.1}}. Read by {@link
 * TypeRegistry#register}; changing it breaks existing suite files and run ids.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TypeName {

    /** The name, e.g. {@code "uniform"}. */
    String value();
}
