package io.lskd.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a JSON tree against the shape of a spec record and collects every problem instead of
 * stopping at the first, which is what Jackson alone would do.
 *
 * <p>It follows the record components recursively: nested records, polymorphic interfaces
 * (through {@value TypeRegistry#DISCRIMINATOR}), {@code List<X>}, {@code Map<String, X>},
 * strings, booleans, ints, longs, doubles and enums. It never coerces: {@code "0.1"} is not a
 * number and {@code 1.5} is not an integer, so what is checked is exactly what Jackson will
 * bind. One instance serves one read, as it accumulates errors.
 */
final class SchemaWalker {

    private final TypeRegistry registry;
    private final List<ConfigError> errors = new ArrayList<>();

    SchemaWalker(TypeRegistry registry) {
        this.registry = registry;
    }

    /** Every problem of {@code tree} read as {@code type}, in document order; empty when clean. */
    List<ConfigError> check(JsonNode tree, Class<? extends Record> type) {
        value(tree, type, JsonPaths.ROOT, Constraints.NONE);
        return List.copyOf(errors);
    }

    /** The {@link Range} and {@link OneOf} of a component, carried down to its scalar leaves. */
    private record Constraints(Range range, OneOf oneOf) {
        static final Constraints NONE = new Constraints(null, null);

        static Constraints of(RecordComponent component) {
            return new Constraints(component.getAnnotation(Range.class), component.getAnnotation(OneOf.class));
        }
    }

    private void value(JsonNode node, Type type, String path, Constraints constraints) {
        Class<?> raw = SpecTypes.raw(type);
        if (SpecTypes.isList(type)) {
            list(node, type, path, constraints);
        } else if (SpecTypes.isMap(type)) {
            map(node, type, path, constraints);
        } else if (raw.isRecord()) {
            record(node, raw, path, Set.of());
        } else if (registry.isPolymorphic(raw)) {
            polymorphic(node, raw, path);
        } else if (raw == String.class) {
            string(node, path, constraints);
        } else if (SpecTypes.isBoolean(raw)) {
            if (!node.isBoolean()) {
                wrongType(node, type, path, constraints);
            }
        } else if (SpecTypes.isIntegral(raw)) {
            integer(node, raw, path, constraints);
        } else if (SpecTypes.isNumber(raw)) {
            decimal(node, path, constraints);
        } else if (raw.isEnum()) {
            enumConstant(node, raw, path);
        } else {
            throw new IllegalStateException("unsupported spec component type " + type.getTypeName() + " at " + path
                    + (raw.isInterface() ? " (an interface with no subtypes in the TypeRegistry)" : ""));
        }
    }

    private void record(JsonNode node, Class<?> type, String path, Set<String> extraKeys) {
        if (!node.isObject()) {
            wrongType(node, type, path, Constraints.NONE);
            return;
        }
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = new TreeSet<>(extraKeys);
        for (RecordComponent component : components) {
            known.add(component.getName());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!known.contains(field.getKey())) {
                errors.add(new ConfigError(JsonPaths.key(path, field.getKey()), field.getValue().toString(),
                        "unknown key", String.join(", ", known), NearestName.among(field.getKey(), known).orElse(null)));
            }
        }
        for (RecordComponent component : components) {
            Constraints constraints = Constraints.of(component);
            checkUsage(type, component, constraints);
            String childPath = JsonPaths.key(path, component.getName());
            JsonNode child = node.get(component.getName());
            if (child == null || child.isNull()) {
                if (component.isAnnotationPresent(Required.class)) {
                    errors.add(new ConfigError(childPath, child == null ? null : "null",
                            child == null ? "missing required key" : "required, must not be null",
                            describe(component.getGenericType(), constraints), null));
                }
            } else {
                value(child, component.getGenericType(), childPath, constraints);
            }
        }
    }

    private void polymorphic(JsonNode node, Class<?> base, String path) {
        if (!node.isObject()) {
            wrongType(node, base, path, Constraints.NONE);
            return;
        }
        Map<String, Class<? extends Record>> subtypes = registry.subtypes(base);
        String allowed = String.join(", ", subtypes.keySet());
        String typePath = JsonPaths.key(path, TypeRegistry.DISCRIMINATOR);
        JsonNode name = node.get(TypeRegistry.DISCRIMINATOR);
        if (name == null || name.isNull()) {
            errors.add(new ConfigError(typePath, name == null ? null : "null", "missing required key", allowed, null));
        } else if (!name.isTextual()) {
            errors.add(new ConfigError(typePath, name.toString(), "wrong type", "a string: " + allowed, null));
        } else if (!subtypes.containsKey(name.asText())) {
            errors.add(new ConfigError(typePath, name.toString(), "unknown type", allowed,
                    NearestName.among(name.asText(), subtypes.keySet()).orElse(null)));
        } else {
            record(node, subtypes.get(name.asText()), path, Set.of(TypeRegistry.DISCRIMINATOR));
        }
    }

    private void list(JsonNode node, Type type, String path, Constraints constraints) {
        if (!node.isArray()) {
            wrongType(node, type, path, constraints);
            return;
        }
        Type element = SpecTypes.contentType(type);
        for (int i = 0; i < node.size(); i++) {
            content(node.get(i), element, JsonPaths.index(path, i), constraints);
        }
    }

    private void map(JsonNode node, Type type, String path, Constraints constraints) {
        if (!node.isObject()) {
            wrongType(node, type, path, constraints);
            return;
        }
        Type valueType = SpecTypes.contentType(type);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            content(entry.getValue(), valueType, JsonPaths.key(path, entry.getKey()), constraints);
        }
    }

    /** A list element or map value: unlike an optional component, null here has no default. */
    private void content(JsonNode node, Type type, String path, Constraints constraints) {
        if (node.isNull()) {
            errors.add(new ConfigError(path, "null", "null is not allowed here", describe(type, constraints), null));
        } else {
            value(node, type, path, constraints);
        }
    }

    private void string(JsonNode node, String path, Constraints constraints) {
        if (!node.isTextual()) {
            wrongType(node, String.class, path, constraints);
        } else if (constraints.oneOf() != null && !List.of(constraints.oneOf().value()).contains(node.asText())) {
            List<String> allowed = List.of(constraints.oneOf().value());
            errors.add(new ConfigError(path, node.toString(), "not an allowed value", String.join(", ", allowed),
                    NearestName.among(node.asText(), allowed).orElse(null)));
        }
    }

    private void integer(JsonNode node, Class<?> type, String path, Constraints constraints) {
        if (!node.isIntegralNumber()) {
            wrongType(node, type, path, constraints);
            return;
        }
        boolean isInt = type == int.class || type == Integer.class;
        if (isInt ? !node.canConvertToInt() : !node.canConvertToLong()) {
            errors.add(new ConfigError(path, node.toString(), "out of range",
                    isInt ? "an int, [-2^31, 2^31 - 1]" : "a long, [-2^63, 2^63 - 1]", null));
            return;
        }
        checkRange(node, node.doubleValue(), path, constraints);
    }

    private void decimal(JsonNode node, String path, Constraints constraints) {
        if (!node.isNumber()) {
            wrongType(node, double.class, path, constraints);
        } else if (!Double.isFinite(node.doubleValue())) {
            errors.add(new ConfigError(path, node.toString(), "out of range", "a finite double", null));
        } else {
            checkRange(node, node.doubleValue(), path, constraints);
        }
    }

    private void checkRange(JsonNode node, double x, String path, Constraints constraints) {
        Range range = constraints.range();
        if (range != null && !Ranges.contains(range, x)) {
            errors.add(new ConfigError(path, node.toString(), "out of range", Ranges.describe(range), null));
        }
    }

    private void enumConstant(JsonNode node, Class<?> type, String path) {
        if (!node.isTextual()) {
            wrongType(node, type, path, Constraints.NONE);
            return;
        }
        Set<String> names = EnumNames.all(type).keySet();
        if (!names.contains(node.asText())) {
            errors.add(new ConfigError(path, node.toString(), "not an allowed value", String.join(", ", names),
                    NearestName.among(node.asText(), names).orElse(null)));
        }
    }

    private void wrongType(JsonNode node, Type expected, String path, Constraints constraints) {
        errors.add(new ConfigError(path, node.isMissingNode() ? null : node.toString(), "wrong type",
                describe(expected, constraints), null));
    }

    /** What a value of {@code type} must look like in JSON, for the "allowed" part of an error. */
    private String describe(Type type, Constraints constraints) {
        Class<?> raw = SpecTypes.raw(type);
        String range = constraints.range() == null ? "" : " in " + Ranges.describe(constraints.range());
        if (SpecTypes.isList(type)) {
            return "an array of " + describe(SpecTypes.contentType(type), constraints);
        } else if (SpecTypes.isMap(type)) {
            return "an object whose values are " + describe(SpecTypes.contentType(type), constraints);
        } else if (raw.isRecord()) {
            return "an object (" + raw.getSimpleName() + ")";
        } else if (registry.isPolymorphic(raw)) {
            return "an object with \"" + TypeRegistry.DISCRIMINATOR + "\": "
                    + String.join(", ", registry.subtypes(raw).keySet());
        } else if (raw == String.class) {
            return constraints.oneOf() == null ? "a string" : "a string: " + String.join(", ", constraints.oneOf().value());
        } else if (SpecTypes.isBoolean(raw)) {
            return "true or false";
        } else if (SpecTypes.isIntegral(raw)) {
            return "an integer" + range;
        } else if (SpecTypes.isNumber(raw)) {
            return "a number" + range;
        } else if (raw.isEnum()) {
            return "a string: " + String.join(", ", EnumNames.all(raw).keySet());
        }
        return type.getTypeName();
    }

    /** Fails fast on a misplaced annotation: it is a bug in the spec class, not in the user's file. */
    private static void checkUsage(Class<?> owner, RecordComponent component, Constraints constraints) {
        Type leaf = component.getGenericType();
        while (SpecTypes.isList(leaf) || SpecTypes.isMap(leaf)) {
            leaf = SpecTypes.contentType(leaf);
        }
        Class<?> raw = SpecTypes.raw(leaf);
        if (constraints.range() != null && !SpecTypes.isNumber(raw)) {
            throw new IllegalStateException("@Range on non-numeric " + owner.getName() + "." + component.getName());
        }
        if (constraints.oneOf() != null && raw != String.class) {
            throw new IllegalStateException("@OneOf on non-string " + owner.getName() + "." + component.getName());
        }
    }
}
