package io.lskd.nmt.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves a task's corpus to its three splits and says where it came from and by which rule
 * it was split (the rule enters the dataset fingerprint).
 *
 * <ul>
 *   <li>{@code bible-es-en}: {@code <data dir>/bible-es-en.tsv.gz} when present, else the copy
 *       bundled in this jar; split by whole books.</li>
 *   <li>a TSV file: split by books when it has a reference column, else by {@link HashSplit}.</li>
 *   <li>a folder: the IWSLT14 release ({@link IwsltReader}), or {@code train}, {@code valid}
 *       and {@code test} files per language ({@code train.de}, {@code train.en}, ...).</li>
 * </ul>
 */
public final class CorpusCatalog {

    public static final String BUNDLED = "bible-es-en";
    private static final String BUNDLED_FILE = "bible-es-en.tsv.gz";
    private static final String RESOURCE = "/io/lskd/nmt/data/bundled/" + BUNDLED_FILE;

    /** A loaded corpus. */
    public record Corpus(Splits splits, String source, String rule) {
    }

    private final Path dataDir;

    /** @param dataDir the workspace's data folder, or null */
    public CorpusCatalog(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Corpus load(String corpus, String sourceLanguage, String targetLanguage, BookSplit books)
            throws IOException {
        if (BUNDLED.equals(corpus)) {
            Path local = dataDir == null ? null : dataDir.resolve(BUNDLED_FILE);
            if (local != null && Files.isRegularFile(local)) {
                return bySplitRule(ParallelTsvReader.read(local), local.toString(), books);
            }
            try (InputStream in = CorpusCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new CorpusFileException(Path.of(RESOURCE), "bundled corpus missing from the jar");
                }
                var pairs = ParallelTsvReader.read(Path.of("bundled " + BUNDLED_FILE),
                        new java.util.zip.GZIPInputStream(in, 1 << 16));
                return bySplitRule(pairs, "bundled " + BUNDLED_FILE, books);
            }
        }
        Path path = Path.of(corpus);
        if (Files.isRegularFile(path)) {
            return bySplitRule(ParallelTsvReader.read(path), path.toString(), books);
        }
        if (Files.isDirectory(path)) {
            if (IwsltReader.looksLikeIwslt(path, sourceLanguage, targetLanguage)) {
                return new Corpus(IwsltReader.read(path, sourceLanguage, targetLanguage), path + " (IWSLT14)",
                        "iwslt14: every 23rd training pair valid; test = dev2010+TEDX.dev2012+tst2010-2012");
            }
            Splits splits = new Splits(
                    TwoFileReader.read(path.resolve("train." + sourceLanguage), path.resolve("train." + targetLanguage)),
                    TwoFileReader.read(path.resolve("valid." + sourceLanguage), path.resolve("valid." + targetLanguage)),
                    TwoFileReader.read(path.resolve("test." + sourceLanguage), path.resolve("test." + targetLanguage)));
            return new Corpus(splits, path + " (train/valid/test files)", "files");
        }
        throw new CorpusFileException(path, "no such corpus: not '" + BUNDLED + "', not a TSV file, not a folder");
    }

    private static Corpus bySplitRule(List<SentencePair> pairs, String source, BookSplit books) {
        boolean referenced = pairs.stream().allMatch(p -> p.reference().contains(":") && p.reference().contains(" "));
        if (referenced) {
            return new Corpus(books.apply(pairs), source, books.describe());
        }
        return new Corpus(HashSplit.apply(pairs), source, HashSplit.RULE);
    }
}
