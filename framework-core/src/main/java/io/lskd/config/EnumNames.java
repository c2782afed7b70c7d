package io.lskd.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON names of enum constants: the {@link JsonProperty} value when a constant has one,
 * otherwise its lower-cased name. Shared by the walker (what is accepted) and {@link
 * CanonicalJson} (what is written) so the two always agree with each other and with Jackson.
 */
final class EnumNames {

    private EnumNames() {
    }

    /** The JSON name of {@code constant}. */
    static String of(Enum<?> constant) {
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
            return constant.name().toLowerCase(Locale.ROOT);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("enum constant without a field: " + constant, e);
        }
    }

    /** Every constant of {@code type} by JSON name, in declaration order. */
    static Map<String, Enum<?>> all(Class<?> type) {
        Map<String, Enum<?>> byName = new LinkedHashMap<>();
        for (Object constant : type.getEnumConstants()) {
            Enum<?> e = (Enum<?>) constant;
            byName.put(of(e), e);
        }
        return byName;
    }
}
