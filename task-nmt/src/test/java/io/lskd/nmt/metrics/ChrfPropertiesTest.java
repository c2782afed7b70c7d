package io.lskd.nmt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties chrF and chrF++ must have whatever the text, checked on real sentences. */
class ChrfPropertiesTest {

    private static Chrf chrf(int wordOrder, boolean eps) {
        return new Chrf(ChrfOptions.CHRF.withWordOrder(wordOrder).withEpsSmoothing(eps));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void identicalTextScores100(int wordOrder) {
        List<String> text = RealText.english();
        assertEquals(100.0, chrf(wordOrder, false).corpusScore(text, List.of(text)).score(), 1e-9);
        assertEquals(100.0, chrf(wordOrder, true).corpusScore(text, List.of(text)).score(), 1e-9);
    }

    @Test
    void noSharedCharacterScoresZero() {
        assertEquals(0.0, chrf(2, false).corpusScore(List.of("abc def"), List.of(List.of("xyz uvw"))).score());
        assertEquals(0.0, chrf(0, true).corpusScore(List.of("abc def"), List.of(List.of("xyz uvw"))).score(), 1e-12);
    }

    @Test
    void emptyHypothesesScoreZero() {
        List<String> refs = RealText.english();
        assertEquals(0.0, chrf(2, false).corpusScore(Collections.nCopies(refs.size(), ""), List.of(refs)).score());
    }

    @Test
    void chrFIgnoresWhitespaceUnlessAskedNotTo() {
        Chrf plain = new Chrf();
        assertEquals(100.0, plain.sentenceScore("the cat", List.of("thecat")).score(), 1e-9);
        assertTrue(new Chrf(ChrfOptions.CHRF.withWhitespace(true)).sentenceScore("the cat", List.of("thecat"))
                .score() < 100.0);
    }

    @Test
    void aSegmentUsesItsBestReference() {
        String hyp = RealText.english().get(5);
        assertEquals(100.0, chrf(2, false).sentenceScore(hyp, List.of("something else entirely", hyp)).score(), 1e-9);
    }

    @Test
    void chrFPlusPlusSplitsOnePunctuationMarkOffAWord() {
        assertEquals(List.of("(hi", ")", "there", ",", "\"", "quote", "x", "'"),
                Chrf.splitPunctuation("(hi) there, \"quote x '"));
    }

    @Test
    void theNameAndSignatureAreSacreBleus() {
        ChrfScore s = chrf(2, false).corpusScore(List.of("a cat"), List.of(List.of("a cat"), List.of("the cat")));
        assertEquals("chrF2++", s.name());
        assertEquals("nrefs:2|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0", s.signature());
        assertEquals("chrF2++ = 100.00", s.format());
        assertEquals("nrefs:1|case:lc|eff:no|nc:6|nw:0|space:yes|version:2.6.0",
                new Chrf(ChrfOptions.CHRF.withLowercase(true).withEpsSmoothing(true).withWhitespace(true)).signature(1));
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ChrfOptions.CHRF.withCharOrder(0));
        assertThrows(IllegalArgumentException.class, () -> ChrfOptions.CHRF.withBeta(-1));
    }
}
