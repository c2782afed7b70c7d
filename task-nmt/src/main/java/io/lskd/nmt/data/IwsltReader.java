package io.lskd.nmt.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IWSLT 2014 release as users download it (e.g. {@code de-en/} from the WIT3 archive):
 * {@code train.tags.de-en.de} / {@code .en} (TED transcripts, one sentence per line, between
 * XML-like metadata lines) and {@code IWSLT14.TED.*.de-en.de.xml} / {@code .en.xml} files of
 * {@code <seg id="n">} segments. Splits follow fairseq's {@code prepare-iwslt14.sh}: metadata
 * lines ({@code <url>}, {@code <talkid>}, {@code <keywords>}) are dropped and title and
 * description tags stripped; every 23rd training pair is the validation split; the test split is
 * dev2010, TEDX dev2012 and tst2010-2012 concatenated. Unlike that script, text stays
 * untokenised and cased (BLEU is computed on detokenised output).
 */
public final class IwsltReader {

    private static final Pattern SEGMENT = Pattern.compile("<seg id=\"?\\d+\"?>\\s*(.*?)\\s*</seg>");
    private static final List<String> TEST_SETS = List.of("IWSLT14.TED.dev2010", "IWSLT14.TEDX.dev2012",
            "IWSLT14.TED.tst2010", "IWSLT14.TED.tst2011", "IWSLT14.TED.tst2012");

    private IwsltReader() {}

    /** The three splits of {@code dir} for the language pair. */
    public static Splits read(Path dir, String source, String target) throws CorpusFileException {
        String pair = source + "-" + target;
        Path trainSource = dir.resolve("train.tags." + pair + "." + source);
        Path trainTarget = dir.resolve("train.tags." + pair + "." + target);
        List<String> s = transcript(trainSource);
        List<String> t = transcript(trainTarget);
        if (s.size() != t.size()) {
            throw new CorpusFileException(trainSource, "has " + s.size() + " sentences after removing metadata but "
                    + trainTarget + " has " + t.size());
        }
        List<SentencePair> train = new ArrayList<>();
        List<SentencePair> valid = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i).isEmpty() || t.get(i).isEmpty()) {
                continue;
            }
            kept++;
            SentencePair p = new SentencePair("train:" + kept, s.get(i), t.get(i));
            (kept % 23 == 0 ? valid : train).add(p);
        }
        List<SentencePair> test = new ArrayList<>();
        for (String set : TEST_SETS) {
            Path sx = dir.resolve(set + "." + pair + "." + source + ".xml");
            Path tx = dir.resolve(set + "." + pair + "." + target + ".xml");
            List<String> ss = segments(sx);
            List<String> ts = segments(tx);
            if (ss.size() != ts.size()) {
                throw new CorpusFileException(sx, "has " + ss.size() + " segments but " + tx + " has " + ts.size());
            }
            for (int i = 0; i < ss.size(); i++) {
                test.add(new SentencePair(set + ":" + (i + 1), ss.get(i), ts.get(i)));
            }
        }
        if (train.isEmpty()) {
            throw new CorpusFileException(trainSource, "no sentence pairs");
        }
        return new Splits(train, valid, test);
    }

    /** Whether {@code dir} looks like an IWSLT release for this pair. */
    public static boolean looksLikeIwslt(Path dir, String source, String target) {
        return Files.isRegularFile(dir.resolve("train.tags." + source + "-" + target + "." + source));
    }

    static List<String> transcript(Path file) throws CorpusFileException {
        List<String> out = new ArrayList<>();
        for (String line : TextLines.read(file)) {
            if (line.contains("<url>") || line.contains("<talkid>") || line.contains("<keywords>")) {
                continue;
            }
            out.add(line.replace("<title>", "").replace("</title>", "").replace("<description>", "")
                    .replace("</description>", "").strip());
        }
        return out;
    }

    static List<String> segments(Path file) throws CorpusFileException {
        List<String> out = new ArrayList<>();
        List<String> lines = TextLines.read(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains("<seg id")) {
                continue;
            }
            Matcher m = SEGMENT.matcher(line);
            if (!m.find()) {
                throw new CorpusFileException(file, i + 1, "a <seg> element that does not close on its line");
            }
            out.add(m.group(1).replace('\u2019', '\''));
        }
        if (out.isEmpty()) {
            throw new CorpusFileException(file, "no <seg> segments");
        }
        return out;
    }
}
