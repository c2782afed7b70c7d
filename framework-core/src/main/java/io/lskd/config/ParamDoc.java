package io.lskd.config;

import java.util.List;

/**
 * What {@code lskd plugins} prints for one spec parameter.
 *
 * @param name the JSON key
 * @param type the Java type, short form, e.g. {@code Double} or {@code List<ArmSpec>}
 * @param required whether the key must be given
 * @param defaultJson the default as canonical JSON text; null when required, when the default
 *     is null (nothing is filled in), or when it could not be found out (see {@link SpecDocs})
 * @param doc the {@link Doc} text, or empty
 * @param range the {@link Range} in interval notation, e.g. {@code (0, inf)}, or null
 * @param allowed the allowed names: {@link OneOf} values, enum names or registered type names;
 *     empty when any value of the type is allowed
 */
public record ParamDoc(String name, String type, boolean required, String defaultJson, String doc, String range,
                       List<String> allowed) {

    public ParamDoc {
        allowed = List.copyOf(allowed);
    }
}
