package io.lskd.nmt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.metrics.InputFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are read into segments exactly as sacreBLEU's command line reads them. */
class SegmentFilesTest {

    @TempDir
    Path tmp;

    @Test
    void linesEndAtNewlineOnlyAndLoseTrailingWhitespace() throws IOException {
        Path f = tmp.resolve("hyp.txt");
        // Python: [l.rstrip() for l in open(f, newline="\n")] == ['a b', 'c\rd', '', ' e']
        Files.writeString(f, "a b \r\nc\rd\u00a0\n\n e\u2028\n", StandardCharsets.UTF_8);
        assertEquals(List.of("a b", "c\rd", "", " e"), SegmentFiles.read(f));
    }

    @Test
    void aLastLineWithoutNewlineCountsAndAnEmptyFileHasNoSegments() throws IOException {
        Path f = tmp.resolve("a.txt");
        Files.writeString(f, "x\ny");
        assertEquals(List.of("x", "y"), SegmentFiles.read(f));
        Files.writeString(f, "");
        assertEquals(List.of(), SegmentFiles.read(f));
    }

    @Test
    void gzipFilesAreRead() throws IOException {
        Path f = tmp.resolve("ref.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("über\nñ\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("über", "ñ"), SegmentFiles.read(f));
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithFileAndLine() throws IOException {
        Path f = tmp.resolve("latin1.txt");
        Files.write(f, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xe9, '\n'});
        InputFormatException e = assertThrows(InputFormatException.class, () -> SegmentFiles.read(f));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(f + ":2: not UTF-8"), e.getMessage());
    }

    @Test
    void tabSeparatedReferencesAreSplitIntoStreams() throws IOException {
        Path f = tmp.resolve("refs.tsv");
        Files.writeString(f, "a\tb\nc\td\te\n");
        assertEquals(List.of(List.of("a", "c"), List.of("b", "d\te")), SegmentFiles.readTabSeparated(f, 2));
        Files.writeString(f, "a\tb\nc\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> SegmentFiles.readTabSeparated(f, 2));
        assertTrue(e.getMessage().endsWith(":2: expected 2 tab-separated references, found 1"), e.getMessage());
    }
}
