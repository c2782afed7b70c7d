package io.lskd.config;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which named record subtypes exist for each polymorphic spec interface, e.g.
 * {@code SmootherSpec -> {"none": NoSmoothingSpec, "uniform": UniformSmoothingSpec}}.
 *
 * <p>One table serves both the schema walker (allowed names, nearest name) and Jackson
 * (registered as named subtypes), so the two can never disagree. The discriminator is the
 * JSON property {@value #DISCRIMINATOR} for every base. Registration happens at start-up from
 * one thread; reads afterwards may come from any thread.
 */
public final class TypeRegistry {

    /** The JSON property that names the subtype of every polymorphic object. */
    public static final String DISCRIMINATOR = "type";

    private final Map<Class<?>, Map<String, Class<? extends Record>>> byBase = new HashMap<>();

    /**
     * Registers {@code subtype} under its {@link TypeName} as an implementation of {@code base}.
     *
     * @throws IllegalArgumentException if the subtype lacks {@link TypeName}, does not implement
     *     {@code base}, or has a component named {@value #DISCRIMINATOR}
     * @throws IllegalStateException if another subtype of {@code base} already has that name
     */
    public void register(Class<?> base, Class<? extends Record> subtype) {
        TypeName name = subtype.getAnnotation(TypeName.class);
        if (name == null) {
            throw new IllegalArgumentException(subtype.getName() + " has no @TypeName");
        }
        if (!base.isAssignableFrom(subtype)) {
            throw new IllegalArgumentException(subtype.getName() + " does not implement " + base.getName());
        }
        if (Arrays.stream(subtype.getRecordComponents()).map(RecordComponent::getName).anyMatch(DISCRIMINATOR::equals)) {
            throw new IllegalArgumentException(subtype.getName() + " has a component named '" + DISCRIMINATOR
                    + "', which is reserved for the subtype name");
        }
        Map<String, Class<? extends Record>> named = byBase.computeIfAbsent(base, b -> new TreeMap<>());
        Class<? extends Record> previous = named.putIfAbsent(name.value(), subtype);
        if (previous != null && previous != subtype) {
            throw new IllegalStateException("duplicate type name '" + name.value() + "' for " + base.getName()
                    + ": " + previous.getName() + " and " + subtype.getName());
        }
    }

    /** The subtypes of {@code base} by name, sorted by name; empty if none is registered. */
    public Map<String, Class<? extends Record>> subtypes(Class<?> base) {
        return Collections.unmodifiableMap(byBase.getOrDefault(base, Map.of()));
    }

    /** Whether {@code type} is a base with at least one registered subtype. */
    public boolean isPolymorphic(Class<?> type) {
        return byBase.containsKey(type);
    }

    /** Every base with registered subtypes. */
    public Set<Class<?>> bases() {
        return Collections.unmodifiableSet(byBase.keySet());
    }
}
