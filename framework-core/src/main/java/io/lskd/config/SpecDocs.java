package io.lskd.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Describes the parameters of a spec record (name, type, default, help, range, allowed names)
 * for {@code lskd plugins}.
 *
 * <p>Defaults are not declared twice: they are read off the record's own constructor, the one
 * place that fills them. The record is built once with every optional component absent (null,
 * or 0 / false for a primitive, exactly what Jackson passes for a missing key) and a stand-in
 * for each required one (a value inside its {@link Range}, the first {@link OneOf} value or enum
 * constant, a one-element list, a probe of a nested record); its optional components then hold
 * their defaults. If the constructor rejects the stand-ins, no default is claimed
 * ({@link ParamDoc#defaultJson()} is null) rather than a guessed one.
 */
public final class SpecDocs {

    private final TypeRegistry registry;

    /** @param registry for the type names allowed in polymorphic components */
    public SpecDocs(TypeRegistry registry) {
        this.registry = registry;
    }

    /** The parameters of {@code type}, in declaration order. */
    public List<ParamDoc> params(Class<? extends Record> type) {
        Optional<Record> probe = probe(type);
        List<ParamDoc> params = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            boolean required = component.isAnnotationPresent(Required.class);
            String defaultJson = null;
            if (!required && probe.isPresent()) {
                Object value = read(probe.get(), component);
                defaultJson = value == null ? null : CanonicalJson.node(value, component.getGenericType()).toString();
            }
            Doc doc = component.getAnnotation(Doc.class);
            Range range = component.getAnnotation(Range.class);
            params.add(new ParamDoc(component.getName(), SpecTypes.simpleName(component.getGenericType()), required,
                    defaultJson, doc == null ? "" : doc.value(), range == null ? null : Ranges.describe(range),
                    allowed(component)));
        }
        return params;
    }

    private List<String> allowed(RecordComponent component) {
        OneOf oneOf = component.getAnnotation(OneOf.class);
        if (oneOf != null) {
            return List.of(oneOf.value());
        }
        Type leaf = component.getGenericType();
        while (SpecTypes.isList(leaf) || SpecTypes.isMap(leaf)) {
            leaf = SpecTypes.contentType(leaf);
        }
        Class<?> raw = SpecTypes.raw(leaf);
        if (raw.isEnum()) {
            return List.copyOf(EnumNames.all(raw).keySet());
        }
        return List.copyOf(registry.subtypes(raw).keySet());
    }

    /** The record built from absent optionals and stand-in required values; empty if it refuses. */
    private Optional<Record> probe(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            args[i] = component.isAnnotationPresent(Required.class)
                    ? standIn(component.getGenericType(), component)
                    : absent(component.getType());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return Optional.of((Record) constructor.newInstance(args));
        } catch (InvocationTargetException e) {
            // the constructor's validation rejected the stand-ins: the defaults stay unknown
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct spec record " + type.getName(), e);
        }
    }

    /** What Jackson passes for a missing key: null, or the primitive's zero. */
    private static Object absent(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        return null;
    }

    private Object standIn(Type type, RecordComponent component) {
        Class<?> raw = SpecTypes.raw(type);
        if (SpecTypes.isList(type)) {
            return List.of(standIn(SpecTypes.contentType(type), component));
        } else if (SpecTypes.isMap(type)) {
            return Map.of("name", standIn(SpecTypes.contentType(type), component));
        } else if (raw.isRecord()) {
            return probe(raw).orElse(null);
        } else if (registry.isPolymorphic(raw)) {
            return probe(registry.subtypes(raw).values().iterator().next()).orElse(null);
        } else if (raw == String.class) {
            OneOf oneOf = component.getAnnotation(OneOf.class);
            return oneOf == null || oneOf.value().length == 0 ? "x" : oneOf.value()[0];
        } else if (SpecTypes.isBoolean(raw)) {
            return false;
        } else if (raw == int.class || raw == Integer.class) {
            return (int) Math.round(inside(component.getAnnotation(Range.class)));
        } else if (raw == long.class || raw == Long.class) {
            return Math.round(inside(component.getAnnotation(Range.class)));
        } else if (SpecTypes.isNumber(raw)) {
            return inside(component.getAnnotation(Range.class));
        } else if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        throw new IllegalStateException("unsupported spec component type " + type.getTypeName());
    }

    /** A number inside {@code range}: its middle, or one step in from its only finite end. */
    private static double inside(Range range) {
        if (range == null) {
            return 1;
        }
        boolean finiteMin = Double.isFinite(range.min());
        boolean finiteMax = Double.isFinite(range.max());
        if (finiteMin && finiteMax) {
            return (range.min() + range.max()) / 2;
        }
        if (finiteMin) {
            return range.min() + 1;
        }
        return finiteMax ? range.max() - 1 : 1;
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + record.getClass().getName() + "." + component.getName(), e);
        }
    }
}
