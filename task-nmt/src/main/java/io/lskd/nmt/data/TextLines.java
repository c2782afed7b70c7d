package io.lskd.nmt.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads a UTF-8 text file (gzipped when its name ends in .gz) into lines, strictly. */
final class TextLines {

    private TextLines() {}

    /** Every line; invalid UTF-8 or a truncated gzip stream fails with the file and line named. */
    static List<String> read(Path file) throws CorpusFileException {
        if (!Files.exists(file)) {
            throw new CorpusFileException(file, "no such file");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return read(file, file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw);
        } catch (NoSuchFileException e) {
            throw new CorpusFileException(file, "no such file");
        } catch (CorpusFileException e) {
            throw e;
        } catch (IOException e) {
            throw new CorpusFileException(file, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Lines of a stream; {@code name} is used in messages. */
    static List<String> read(Path name, InputStream in) throws CorpusFileException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (CharacterCodingException e) {
            throw new CorpusFileException(name, lines.size() + 1, "not valid UTF-8");
        } catch (IOException e) {
            throw new CorpusFileException(name, lines.size() + 1, "cannot be read (" + e.getMessage() + ")");
        }
        return lines;
    }
}
