package io.lskd.config;

import java.util.regex.Pattern;

/**
 * Builds JSON paths in the {@code $.a.b[2]} notation used in every error message, quoting keys
 * that are not plain identifiers ({@code $.grid['distiller.temperature']}) so a path is never
 * ambiguous.
 */
final class JsonPaths {

    static final String ROOT = "$";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private JsonPaths() {
    }

    static String key(String parent, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
