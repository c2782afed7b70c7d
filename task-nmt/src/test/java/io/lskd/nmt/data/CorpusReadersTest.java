package io.lskd.nmt.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers on the bundled corpus and on small files, good and bad. */
class CorpusReadersTest {

    @TempDir
    Path tmp;

    @Test
    void theBundledCorpusSplitsByBookAsTheRecipeSays() throws IOException {
        CorpusCatalog.Corpus c = new CorpusCatalog(null).load(CorpusCatalog.BUNDLED, "es", "en",
                new BookSplit(List.of("Mark"), List.of("Ruth", "Jonah")));
        assertEquals(678, c.splits().test().size());
        assertEquals(85 + 47, c.splits().valid().size());
        assertEquals(31057 - 678 - 132, c.splits().train().size());
        assertEquals("Mark 1:1", c.splits().test().get(0).reference());
        assertTrue(c.splits().test().get(0).target().startsWith("The beginning of the Good News of Jesus Christ"),
                c.splits().test().get(0).target());
        assertTrue(c.splits().train().stream().noneMatch(p -> BookSplit.book(p.reference()).equals("Mark")));
        assertEquals("I Samuel", BookSplit.book("I Samuel 3:4"));
        assertTrue(c.rule().contains("Mark"), "the rule enters the fingerprint");
    }

    @Test
    void aMalformedTsvLineIsNamedWithItsLineNumber() throws IOException {
        Path file = tmp.resolve("bad.tsv");
        Files.writeString(file, "Gen 1:1\tuno\tone\nGen 1:2\tdos\n");
        CorpusFileException e = assertThrows(CorpusFileException.class, () -> ParallelTsvReader.read(file));
        assertTrue(e.getMessage().contains("bad.tsv, line 2") && e.getMessage().contains("found 2"), e.getMessage());
        Files.writeString(file, "Gen 1:1\tuno\t \n");
        e = assertThrows(CorpusFileException.class, () -> ParallelTsvReader.read(file));
        assertTrue(e.getMessage().contains("line 1: empty target"), e.getMessage());
        e = assertThrows(CorpusFileException.class, () -> ParallelTsvReader.read(tmp.resolve("missing.tsv")));
        assertTrue(e.getMessage().contains("missing.tsv: no such file"), e.getMessage());
    }

    @Test
    void invalidUtf8AndATruncatedGzipAreRejectedWithTheFileNamed() throws IOException {
        Path latin1 = tmp.resolve("latin1.tsv");
        Files.write(latin1, "a\tb\nacci\u00f3n\tc\n".getBytes(StandardCharsets.ISO_8859_1));
        CorpusFileException e = assertThrows(CorpusFileException.class, () -> ParallelTsvReader.read(latin1));
        assertTrue(e.getMessage().contains("latin1.tsv") && e.getMessage().contains("UTF-8"), e.getMessage());
        Path gz = tmp.resolve("cut.tsv.gz");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write("a\tb\n".repeat(2000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bytes.toByteArray();
        Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));
        e = assertThrows(CorpusFileException.class, () -> ParallelTsvReader.read(gz));
        assertTrue(e.getMessage().contains("cut.tsv.gz"), e.getMessage());
    }

    @Test
    void twoColumnTsvSplitsByAFixedHash() throws IOException {
        Path file = tmp.resolve("pairs.tsv");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            b.append("fuente ").append(i).append('\t').append("source ").append(i).append('\n');
        }
        Files.writeString(file, b.toString());
        CorpusCatalog.Corpus c = new CorpusCatalog(null).load(file.toString(), "es", "en",
                new BookSplit(List.of("Mark"), List.of()));
        assertEquals(HashSplit.RULE, c.rule());
        int n = c.splits().train().size() + c.splits().valid().size() + c.splits().test().size();
        assertEquals(400, n);
        assertTrue(c.splits().test().size() > 0 && c.splits().test().size() < 30, "about 3%");
    }

    @Test
    void twoFilesMustBeLineAligned() throws IOException {
        Path de = tmp.resolve("train.de");
        Path en = tmp.resolve("train.en");
        Files.writeString(de, "eins\nzwei\n");
        Files.writeString(en, "one\n");
        CorpusFileException e = assertThrows(CorpusFileException.class, () -> TwoFileReader.read(de, en));
        assertTrue(e.getMessage().contains("2 lines") && e.getMessage().contains("train.en"), e.getMessage());
        Files.writeString(en, "one\ntwo\n");
        assertEquals(new SentencePair("train.de:2", "zwei", "two"), TwoFileReader.read(de, en).get(1));
    }

    @Test
    void iwsltReleaseIsReadAsFairseqsScriptSplitsIt() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("de-en"));
        StringBuilder de = new StringBuilder("<url>http://www.ted.com/talks/x</url>\n<talkid>1</talkid>\n");
        StringBuilder en = new StringBuilder("<url>http://www.ted.com/talks/x</url>\n<talkid>1</talkid>\n");
        de.append("<title>Ein Titel</title>\n");
        en.append("<title>A title</title>\n");
        for (int i = 1; i <= 46; i++) {
            de.append("Satz ").append(i).append('\n');
            en.append("Sentence ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("train.tags.de-en.de"), de);
        Files.writeString(dir.resolve("train.tags.de-en.en"), en);
        for (String set : List.of("IWSLT14.TED.dev2010", "IWSLT14.TEDX.dev2012", "IWSLT14.TED.tst2010",
                "IWSLT14.TED.tst2011", "IWSLT14.TED.tst2012")) {
            Files.writeString(dir.resolve(set + ".de-en.de.xml"),
                    "<doc docid=\"1\">\n<seg id=\"1\"> Hallo Welt </seg>\n<seg id=\"2\">Zwei</seg>\n</doc>\n");
            Files.writeString(dir.resolve(set + ".de-en.en.xml"),
                    "<doc docid=\"1\">\n<seg id=\"1\"> Hello world </seg>\n<seg id=\"2\">It\u2019s two</seg>\n</doc>\n");
        }
        assertTrue(IwsltReader.looksLikeIwslt(dir, "de", "en"));
        Splits s = IwsltReader.read(dir, "de", "en");
        assertEquals(47, s.train().size() + s.valid().size(), "the title line is kept without its tags");
        assertEquals(2, s.valid().size(), "every 23rd pair");
        assertEquals("Ein Titel", s.train().get(0).source());
        assertEquals(10, s.test().size());
        assertEquals(new SentencePair("IWSLT14.TED.dev2010:2", "Zwei", "It's two"), s.test().get(1));
        Files.writeString(dir.resolve("IWSLT14.TED.tst2012.de-en.en.xml"), "<seg id=\"1\">Hello\n");
        CorpusFileException e = assertThrows(CorpusFileException.class, () -> IwsltReader.read(dir, "de", "en"));
        assertTrue(e.getMessage().contains("tst2012.de-en.en.xml, line 1"), e.getMessage());
    }
}
