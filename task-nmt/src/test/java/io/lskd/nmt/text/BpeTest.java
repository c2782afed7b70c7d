package io.lskd.nmt.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.nmt.model.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden merges on tiny inputs, exact round trips, determinism, saving. */
class BpeTest {

    @TempDir
    Path tmp;

    @Test
    void preTokenizerMarksWordStartsAndSplitsPunctuation() {
        assertEquals(List.of("\u2581Dijo", "\u2581Dios", ":", "\u2581\u201c", "Sea", "\u2581la", "\u2581luz", ".", "\u201d"),
                PreTokenizer.segments("Dijo  Dios: \u201cSea la luz.\u201d"));
        assertEquals(List.of(), PreTokenizer.segments("   "));
        assertEquals("Dijo Dios: \u201cSea la luz.\u201d",
                PreTokenizer.detokenize(PreTokenizer.segments("Dijo  Dios: \u201cSea la luz.\u201d")));
    }

    @Test
    void learnsTheMostFrequentPairsFirstWithAlphabeticalTies() {
        // segments: "▁low" x2, "▁lower" x1, "▁newest" x1 ... pair counts decide the first merges
        Bpe bpe = BpeTrainer.train(List.of("low low lower", "newest newest newest widest"), 40);
        // hand count: (e,s) 4, (s,t) 4, (w,e) 4, (▁,n)... the first merge is the most frequent,
        // ties broken by the left then right symbol in code-point order: ("e","s") before ("s","t")
        String first = bpe.symbol(Vocabulary.RESERVED.length + characters(bpe));
        assertEquals("es", first);
        assertEquals("est", bpe.symbol(Vocabulary.RESERVED.length + characters(bpe) + 1));
    }

    @Test
    void encodingRoundTripsExactlyAndUsesUnkForUnseenCharacters() {
        List<String> text = List.of("En el principio creó Dios los cielos y la tierra.",
                "In the beginning, God created the heavens and the earth.", "God said, \u201cLet there be light.\u201d");
        Bpe bpe = BpeTrainer.train(text, 80);
        for (String s : text) {
            assertEquals(s, bpe.decode(bpe.encode(s)));
        }
        int[] withUnknown = bpe.encode("God \u00a7");
        assertEquals(Vocabulary.UNK, withUnknown[withUnknown.length - 1]);
        assertTrue(bpe.encode("the heavens").length < "the heavens".length(), "merges shorten the sequence");
    }

    @Test
    void trainingIsDeterministicAndSavingKeepsEverything() throws IOException {
        List<String> text = List.of("abab abab cdcd", "abcd cdab", "ab cd ab cd");
        Bpe a = BpeTrainer.train(text, 30);
        Bpe b = BpeTrainer.train(List.of("abab abab cdcd", "abcd cdab", "ab cd ab cd"), 30);
        assertEquals(a.fingerprint(), b.fingerprint());
        Path file = tmp.resolve("bpe.json");
        a.save(file);
        Bpe loaded = Bpe.load(file);
        assertEquals(a.fingerprint(), loaded.fingerprint());
        assertArrayEquals(a.encode("abcd abab"), loaded.encode("abcd abab"));
    }

    @Test
    void aCorruptTokenizerFileIsNamed() throws IOException {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"format\": \"something\"}");
        IOException e = assertThrows(IOException.class, () -> Bpe.load(file));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
    }

    private static int characters(Bpe bpe) {
        int n = 0;
        for (int i = Vocabulary.RESERVED.length; i < bpe.vocabSize(); i++) {
            if (bpe.symbol(i).codePointCount(0, bpe.symbol(i).length()) == 1) {
                n++;
            } else {
                break;
            }
        }
        return n;
    }
}
