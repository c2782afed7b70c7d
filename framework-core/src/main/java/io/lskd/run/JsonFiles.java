package io.lskd.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lskd.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Result files that survive a crash: whole files are written to a temporary name, synced and
 * renamed over the target, so a reader sees the old file or the new one, never half of one;
 * JSON-lines logs are appended one flushed and synced line at a time.
 */
public final class JsonFiles {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper LINE_MAPPER = new ObjectMapper();

    private JsonFiles() {
    }

    /** Writes {@code value} as pretty JSON, atomically. */
    public static void write(Path file, Object value) {
        writeText(file, toJson(value) + "\n");
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes text atomically: temporary file, fsync, rename ({@link AtomicFiles}). */
    public static void writeText(Path file, String text) {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends one compact JSON line and syncs it to disk. */
    public static void appendLine(Path file, Object value) {
        try {
            byte[] line = (LINE_MAPPER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(line));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file + ": " + AtomicFiles.reason(e), e);
        }
    }
}
