package io.lskd.config;

import java.util.Objects;

/**
 * One problem in a spec file, with everything a user needs to fix it without reading code.
 *
 * @param path the JSON path of the offending value, e.g. {@code $.arms[2].distiller.temperature}
 * @param value the bad value as JSON text, or null when the value is missing
 * @param message what is wrong, e.g. {@code "out of range"} or {@code "unknown key"}
 * @param allowed what is allowed, e.g. {@code "a number in (0, inf)"}, or null
 * @param suggestion the nearest valid name for a misspelt key or type name, or null
 */
public record ConfigError(String path, String value, String message, String allowed, String suggestion) {

    /** The longest bad value rendered in full; longer ones (whole objects) are cut. */
    private static final int MAX_RENDERED_VALUE = 60;

    public ConfigError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /**
     * One line: {@code path: message, got value (allowed: ...); did you mean 'x'?}, leaving out
     * the parts that are null.
     */
    public String render() {
        StringBuilder line = new StringBuilder(path).append(": ").append(message);
        if (value != null) {
            String shown = value.length() <= MAX_RENDERED_VALUE ? value : value.substring(0, MAX_RENDERED_VALUE) + "...";
            line.append(", got ").append(shown);
        }
        if (allowed != null) {
            line.append(" (allowed: ").append(allowed).append(')');
        }
        if (suggestion != null) {
            line.append("; did you mean '").append(suggestion).append("'?");
        }
        return line.toString();
    }
}
