package io.lskd.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.List;
import java.util.Map;

/**
 * Reflection helpers over the component types a spec may use, shared by the walker, the
 * canonical writer and the docs so all three understand the same set of types.
 */
final class SpecTypes {

    private SpecTypes() {
    }

    /** The erased class of a component type. */
    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        throw new IllegalStateException("unsupported spec component type " + type);
    }

    /** The element type of a {@code List<X>} or the value type of a {@code Map<String, X>}. */
    static Type contentType(Type container) {
        if (!(container instanceof ParameterizedType p)) {
            throw new IllegalStateException("raw " + container.getTypeName() + " in a spec; declare its type argument");
        }
        Type[] args = p.getActualTypeArguments();
        if (raw(container) == Map.class && raw(args[0]) != String.class) {
            throw new IllegalStateException("spec maps need String keys, found " + container.getTypeName());
        }
        return args[args.length - 1];
    }

    static boolean isList(Type type) {
        return raw(type) == List.class;
    }

    static boolean isMap(Type type) {
        return raw(type) == Map.class;
    }

    static boolean isIntegral(Class<?> c) {
        return c == int.class || c == Integer.class || c == long.class || c == Long.class;
    }

    static boolean isNumber(Class<?> c) {
        return isIntegral(c) || c == double.class || c == Double.class;
    }

    static boolean isBoolean(Class<?> c) {
        return c == boolean.class || c == Boolean.class;
    }

    /** A short readable name: {@code List<ArmSpec>} rather than the fully qualified one. */
    static String simpleName(Type type) {
        return type.getTypeName().replaceAll("(?:[A-Za-z_][A-Za-z0-9_]*[.$])+", "");
    }
}
