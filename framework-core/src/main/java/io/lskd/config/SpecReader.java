package io.lskd.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a spec file into its record, or fails with every problem in it.
 *
 * <p>Two passes: {@link SchemaWalker} checks the whole tree and collects all errors (Jackson
 * would stop at the first); only a clean tree is bound by Jackson, which then calls the record
 * constructors. A constructor's own validation (across fields, e.g. {@code min <= max}) is
 * turned into a {@link ConfigException} at the JSON path of that record.
 *
 * <p>Jackson binds records through their canonical constructors without annotations; the one
 * thing it needs from us is the {@value TypeRegistry#DISCRIMINATOR} property of each
 * polymorphic base, which is added here as a mix-in so that spec classes stay free of Jackson
 * annotations. The mapper is built per read from the registry as it is then, so plugins
 * registered after this reader was made are still seen.
 */
public final class SpecReader {

    private final TypeRegistry registry;

    public SpecReader(TypeRegistry registry) {
        this.registry = registry;
    }

    /** Reads the spec in {@code file}; error messages are prefixed by the file name. */
    public <T extends Record> T read(Path file, Class<T> type) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec file " + file, e);
        }
        return read(json, type, file.toString());
    }

    /** Reads a spec given as JSON text. */
    public <T extends Record> T read(String json, Class<T> type) {
        return read(json, type, null);
    }

    /** Reads a spec already parsed into a tree. */
    public <T extends Record> T read(JsonNode tree, Class<T> type) {
        return read(tree, type, null, mapper());
    }

    private <T extends Record> T read(String json, Class<T> type, String source) {
        ObjectMapper mapper = mapper();
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(source,
                    List.of(new ConfigError(JsonPaths.ROOT, null, "malformed JSON" + where + ": " + e.getOriginalMessage(), null, null)), e);
        }
        return read(tree, type, source, mapper);
    }

    private <T extends Record> T read(JsonNode tree, Class<T> type, String source, ObjectMapper mapper) {
        List<ConfigError> errors = new SchemaWalker(registry).check(tree, type);
        if (!errors.isEmpty()) {
            throw new ConfigException(source, errors);
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            String path = path(e);
            JsonNode at = tree.at(pointer(e));
            Throwable reason = e.getCause() == null ? e : e.getCause();
            String message = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
            throw new ConfigException(source, List.of(new ConfigError(path, at.isMissingNode() ? null : at.toString(),
                    message, null, null)), e);
        } catch (JsonProcessingException e) {
            // The walker should have caught this; report Jackson's own words rather than lose them.
            throw new ConfigException(source, List.of(new ConfigError(
                    e instanceof JsonMappingException m ? path(m) : JsonPaths.ROOT, null, e.getOriginalMessage(), null, null)), e);
        }
    }

    /** The JSON path of the value Jackson was binding when it failed, in {@code $.a[1].b} notation. */
    private static String path(JsonMappingException e) {
        String path = JsonPaths.ROOT;
        for (JsonMappingException.Reference ref : e.getPath()) {
            path = ref.getFieldName() != null ? JsonPaths.key(path, ref.getFieldName()) : JsonPaths.index(path, ref.getIndex());
        }
        return path;
    }

    /** The same location as a JSON Pointer, to fetch the offending value from the tree. */
    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/');
            pointer.append(ref.getFieldName() != null
                    ? ref.getFieldName().replace("~", "~0").replace("/", "~1") : Integer.toString(ref.getIndex()));
        }
        return pointer.toString();
    }

    private ObjectMapper mapper() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // a key given twice would otherwise silently keep the last value
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // enum constants are written in lower case (EnumNames)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);
        for (Class<?> base : registry.bases()) {
            builder.addMixIn(base, Discriminated.class);
            for (Map.Entry<String, Class<? extends Record>> subtype : registry.subtypes(base).entrySet()) {
                builder.registerSubtypes(new NamedType(subtype.getValue(), subtype.getKey()));
            }
        }
        return builder.build();
    }

    /** Mixed into every polymorphic base: its subtype is named by the "type" property. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = TypeRegistry.DISCRIMINATOR)
    private interface Discriminated {
    }
}
