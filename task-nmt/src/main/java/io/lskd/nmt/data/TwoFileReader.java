package io.lskd.nmt.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parallel corpus as two line-aligned plain-text files (one sentence per line, e.g. fairseq's
 * {@code train.de} and {@code train.en}). Both must have the same number of lines; a pair with
 * one side empty fails with the line named.
 */
public final class TwoFileReader {

    private TwoFileReader() {}

    public static List<SentencePair> read(Path sourceFile, Path targetFile) throws CorpusFileException {
        List<String> sources = TextLines.read(sourceFile);
        List<String> targets = TextLines.read(targetFile);
        if (sources.size() != targets.size()) {
            throw new CorpusFileException(sourceFile, "has " + sources.size() + " lines but " + targetFile + " has "
                    + targets.size() + "; the two sides must be line-aligned");
        }
        String name = sourceFile.getFileName().toString();
        List<SentencePair> pairs = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            String s = sources.get(i).strip();
            String t = targets.get(i).strip();
            if (s.isEmpty() != t.isEmpty()) {
                throw new CorpusFileException(s.isEmpty() ? sourceFile : targetFile, i + 1,
                        "empty line where the other side has a sentence");
            }
            if (!s.isEmpty()) {
                pairs.add(new SentencePair(name + ":" + (i + 1), s, t));
            }
        }
        if (pairs.isEmpty()) {
            throw new CorpusFileException(sourceFile, "no sentence pairs");
        }
        return pairs;
    }
}
