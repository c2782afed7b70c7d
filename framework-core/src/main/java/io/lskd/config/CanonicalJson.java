package io.lskd.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON of a bound spec, whose SHA-256 is the run id: two specs that mean the same
 * run must give the same bytes, whatever the key order or the defaults left out of their files.
 *
 * <p>Rules: written from the record itself, so every default its constructor filled is
 * present; a polymorphic value (declared as an interface) has {@code "type"} first; all other
 * object keys, map keys included, are sorted; null components are left out (absent and null
 * read the same); enums are written by their JSON names; no whitespace. Doubles use Jackson's
 * shortest-representation writer, which does not depend on the JDK's {@code Double.toString}.
 * {@code SpecReader.read(toJson(spec))} equals {@code spec}.
 */
public final class CanonicalJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper WRITER = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private CanonicalJson() {
    }

    /** The canonical JSON text of {@code spec}. */
    public static String toJson(Record spec) {
        try {
            return WRITER.writeValueAsString(node(spec, spec.getClass()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** The lower-case hex SHA-256 of the UTF-8 bytes of {@link #toJson}: the run id. */
    public static String sha256(Record spec) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(toJson(spec).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The canonical tree of {@code value} declared as {@code declared}; null for null. */
    static JsonNode node(Object value, Type declared) {
        if (value == null) {
            return null;
        }
        if (SpecTypes.isList(declared)) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : (List<?>) value) {
                JsonNode node = node(element, SpecTypes.contentType(declared));
                array.add(node == null ? NODES.nullNode() : node);
            }
            return array;
        }
        if (SpecTypes.isMap(declared)) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : new TreeMap<>((Map<?, ?>) value).entrySet()) {
                JsonNode node = node(entry.getValue(), SpecTypes.contentType(declared));
                object.set((String) entry.getKey(), node == null ? NODES.nullNode() : node);
            }
            return object;
        }
        if (value instanceof Record spec) {
            return record(spec, SpecTypes.raw(declared).isInterface());
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("a spec cannot hold " + d + ": JSON has no such number");
            }
            return NODES.numberNode(d);
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(EnumNames.of(e));
        }
        throw new IllegalStateException("unsupported spec value " + value.getClass().getName());
    }

    private static ObjectNode record(Record spec, boolean polymorphic) {
        ObjectNode object = NODES.objectNode();
        if (polymorphic) {
            TypeName name = spec.getClass().getAnnotation(TypeName.class);
            if (name == null) {
                throw new IllegalStateException(spec.getClass().getName() + " is used polymorphically but has no @TypeName");
            }
            object.put(TypeRegistry.DISCRIMINATOR, name.value());
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (RecordComponent component : spec.getClass().getRecordComponents()) {
            JsonNode node = node(accessor(spec, component), component.getGenericType());
            if (node != null) {
                sorted.put(component.getName(), node);
            }
        }
        object.setAll(sorted);
        return object;
    }

    private static Object accessor(Record spec, RecordComponent component) {
        try {
            return component.getAccessor().invoke(spec);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + spec.getClass().getName() + "." + component.getName()
                    + " (spec records must be public)", e);
        }
    }
}
