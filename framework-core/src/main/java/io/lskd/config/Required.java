package io.lskd.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The component must be present and not null in the JSON. Every component without it is
 * optional: when absent, the record's compact constructor receives null (or 0 / false for a
 * primitive) and fills its default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Required {
}
