package io.lskd.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec that cannot be used, with every problem found in it. Unchecked because a bad spec is
 * an input error the CLI reports and stops on, not something callers recover from.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final List<ConfigError> errors;

    /**
     * @param source where the spec came from (a file name), or null when unknown
     * @param errors the problems, at least one
     */
    public ConfigException(String source, List<ConfigError> errors) {
        this(source, errors, null);
    }

    /** As {@link #ConfigException(String, List)}, keeping the exception that revealed the problem. */
    public ConfigException(String source, List<ConfigError> errors, Throwable cause) {
        super(render(source, errors), cause);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    /** Where the spec came from, or null. */
    public String source() {
        return source;
    }

    /** The problems, in the order they were found. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String render(String source, List<ConfigError> errors) {
        String prefix = source == null ? "" : source + ": ";
        return errors.stream().map(e -> prefix + e.render()).collect(Collectors.joining("\n"));
    }
}
