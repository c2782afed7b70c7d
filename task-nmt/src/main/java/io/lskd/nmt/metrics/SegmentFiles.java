package io.lskd.nmt.metrics;

import io.lskd.metrics.InputFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads segment files (UTF-8, one segment per line; gzip when the name ends in {@code .gz}) as
 * sacreBLEU's command line does: lines end only at {@code \n} (Python's {@code newline="\n"}),
 * a final newline does not start another segment, and each line loses its trailing whitespace
 * ({@code rstrip()}, which also removes a {@code \r}). Bytes that are not UTF-8 are an
 * {@link InputFormatException} naming the file and line.
 */
public final class SegmentFiles {

    private SegmentFiles() {
    }

    /** The segments of {@code file}. */
    public static List<String> read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        }
        String text = decode(file, bytes);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lines.add(PythonText.rstrip(text.substring(start, end)));
            start = end + 1;
        }
        return lines;
    }

    /**
     * The segments of {@code file}, each line holding {@code perLine} tab-separated references
     * (sacreBLEU's {@code --num-refs}): one list per reference stream.
     */
    public static List<List<String>> readTabSeparated(Path file, int perLine) throws IOException {
        List<String> lines = read(file);
        List<List<String>> streams = new ArrayList<>(perLine);
        for (int r = 0; r < perLine; r++) {
            streams.add(new ArrayList<>(lines.size()));
        }
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split("\t", perLine);
            if (fields.length != perLine) {
                throw new InputFormatException(file, i + 1, "expected " + perLine
                        + " tab-separated references, found " + fields.length);
            }
            for (int r = 0; r < perLine; r++) {
                streams.get(r).add(fields[r]);
            }
        }
        return streams;
    }

    /** Strict UTF-8: the first malformed byte sequence is reported with its line. */
    private static String decode(Path file, byte[] bytes) throws InputFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InputFormatException(file, line, "not UTF-8 (byte " + (in.position() + 1) + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
