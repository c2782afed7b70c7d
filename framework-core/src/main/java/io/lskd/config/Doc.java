package io.lskd.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A one-line help text for a spec component or a spec record, printed by {@code lskd plugins}
 * beside the parameter's type, default and range, so the help lives next to the field it
 * describes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Doc {

    /** The help text: one line, no trailing period needed. */
    String value();
}
