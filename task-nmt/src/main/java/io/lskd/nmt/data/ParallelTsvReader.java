package io.lskd.nmt.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tab-separated parallel corpus, one pair per line: {@code reference<TAB>source<TAB>target}
 * (the bundled Bible corpus) or {@code source<TAB>target} (then the reference is the line
 * number). Empty lines are skipped; a line with another number of fields, or an empty sentence,
 * fails with the file and line named.
 */
public final class ParallelTsvReader {

    private ParallelTsvReader() {}

    public static List<SentencePair> read(Path file) throws CorpusFileException {
        return parse(file, TextLines.read(file));
    }

    /** Reads a stream (e.g. a bundled resource); {@code name} is used in messages. */
    public static List<SentencePair> read(Path name, InputStream in) throws CorpusFileException {
        return parse(name, TextLines.read(name, in));
    }

    private static List<SentencePair> parse(Path file, List<String> lines) throws CorpusFileException {
        List<SentencePair> pairs = new ArrayList<>(lines.size());
        int columns = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (columns < 0) {
                columns = fields.length;
                if (columns != 2 && columns != 3) {
                    throw new CorpusFileException(file, i + 1, "expected 2 (source, target) or 3 (reference, source,"
                            + " target) tab-separated fields, found " + fields.length);
                }
            } else if (fields.length != columns) {
                throw new CorpusFileException(file, i + 1, "expected " + columns + " tab-separated fields like the"
                        + " first line, found " + fields.length);
            }
            String reference = columns == 3 ? fields[0].strip() : String.valueOf(i + 1);
            String source = fields[columns - 2].strip();
            String target = fields[columns - 1].strip();
            if (source.isEmpty() || target.isEmpty()) {
                throw new CorpusFileException(file, i + 1, "empty " + (source.isEmpty() ? "source" : "target")
                        + " sentence");
            }
            pairs.add(new SentencePair(reference, source, target));
        }
        if (pairs.isEmpty()) {
            throw new CorpusFileException(file, "no sentence pairs");
        }
        return pairs;
    }
}
