package io.lskd.nmt.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties BLEU must have whatever the text, checked on real sentences. */
class BleuPropertiesTest {

    @ParameterizedTest
    @EnumSource(BleuTokenizer.class)
    void identicalHypothesesAndReferencesScore100(BleuTokenizer tokenizer) {
        List<String> text = RealText.english();
        BleuScore s = new Bleu(BleuOptions.DEFAULT.withTokenizer(tokenizer)).corpusScore(text, List.of(text));
        assertEquals(100.0, s.score(), 1e-9);
        assertEquals(1.0, s.bp());
        assertEquals(s.sysLen(), s.refLen());
        assertArrayEquals(s.totals(), s.counts());
    }

    @ParameterizedTest
    @EnumSource(SmoothMethod.class)
    void noOverlapScoresZeroWhateverTheSmoothing(SmoothMethod method) {
        // sacreBLEU stops early with 0 when no n-gram of any order matches (its issue #141)
        BleuScore s = new Bleu(BleuOptions.DEFAULT.withSmoothing(method))
                .corpusScore(List.of("alpha beta gamma delta", "epsilon"), List.of(List.of("one two three four", "five")));
        assertEquals(0.0, s.score());
        assertArrayEquals(new double[4], s.counts());
        assertArrayEquals(new double[4], s.precisions());
    }

    @Test
    void emptyHypothesesScoreZeroWithZeroBrevityPenalty() {
        List<String> refs = RealText.english();
        BleuScore s = new Bleu().corpusScore(Collections.nCopies(refs.size(), ""), List.of(refs));
        assertEquals(0.0, s.score());
        assertEquals(0.0, s.bp());
        assertEquals(0, s.sysLen());
        assertTrue(s.refLen() > 0);
    }

    @Test
    void shortHypothesesPayTheBrevityPenalty() {
        BleuScore s = new Bleu().corpusScore(List.of("the cat sat on"), List.of(List.of("the cat sat on the mat")));
        assertEquals(Math.exp(1 - 6.0 / 4.0), s.bp(), 1e-15);
        // every n-gram of the hypothesis matches, so BLEU is the penalty alone
        assertEquals(100 * s.bp(), s.score(), 1e-9);
    }

    @Test
    void theCorpusScoreDoesNotDependOnSegmentOrder() {
        List<String> hyps = RealText.perturbedEnglish();
        List<String> refs = RealText.english();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < hyps.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        List<String> h2 = order.stream().map(hyps::get).toList();
        List<String> r2 = order.stream().map(refs::get).toList();
        Bleu bleu = new Bleu();
        assertEquals(bleu.corpusScore(hyps, List.of(refs)), bleu.corpusScore(h2, List.of(r2)));
    }

    @Test
    void anotherReferenceNeverLowersTheMatchesAndItsOrderDoesNotMatter() {
        List<String> hyps = RealText.perturbedEnglish();
        List<String> refs = RealText.english();
        List<String> other = hyps.stream().map(h -> h.replace(" the ", " a ")).toList();
        Bleu bleu = new Bleu();
        BleuScore one = bleu.corpusScore(hyps, List.of(refs));
        BleuScore two = bleu.corpusScore(hyps, List.of(refs, other));
        BleuScore swapped = bleu.corpusScore(hyps, List.of(other, refs));
        for (int n = 0; n < 4; n++) {
            assertTrue(two.counts()[n] >= one.counts()[n], "order " + (n + 1));
        }
        assertEquals(two.score(), swapped.score());
        assertEquals(two.refLen(), swapped.refLen());
        assertTrue(two.signature().startsWith("nrefs:2|"));
    }

    @Test
    void theClosestReferenceLengthPrefersTheShorterOnTies() {
        assertEquals(4, Bleu.closestReferenceLength(5, new int[] {6, 4}));
        assertEquals(4, Bleu.closestReferenceLength(5, new int[] {4, 6}));
        assertEquals(7, Bleu.closestReferenceLength(7, new int[] {3, 7, 8}));
    }

    @Test
    void lowercaseEqualsScoringLowercasedText() {
        List<String> hyps = RealText.perturbedEnglish();
        List<String> refs = RealText.english();
        BleuScore flagged = new Bleu(BleuOptions.DEFAULT.withLowercase(true)).corpusScore(hyps, List.of(refs));
        BleuScore lowered = new Bleu().corpusScore(hyps.stream().map(String::toLowerCase).toList(),
                List.of(refs.stream().map(String::toLowerCase).toList()));
        assertEquals(lowered.score(), flagged.score());
        assertTrue(flagged.signature().contains("|case:lc|"));
    }

    @Test
    void aSentenceScoreIsTheCorpusScoreOfOneSegment() {
        Bleu bleu = new Bleu(BleuOptions.SENTENCE);
        String hyp = RealText.perturbedEnglish().get(3);
        String ref = RealText.english().get(3);
        assertEquals(bleu.corpusScore(List.of(hyp), List.of(List.of(ref))), bleu.sentenceScore(hyp, List.of(ref)));
    }

    @Test
    void addKWithZeroAndFloorWithZeroEqualNoSmoothing() {
        List<String> hyps = List.of("the cat sat on a mat", "a dog");
        List<List<String>> refs = List.of(List.of("the cat is on the mat", "the dog"));
        double none = new Bleu(BleuOptions.DEFAULT.withSmoothing(SmoothMethod.NONE)).corpusScore(hyps, refs).score();
        assertEquals(none, new Bleu(BleuOptions.DEFAULT.withSmoothing(SmoothMethod.ADD_K, 0)).corpusScore(hyps, refs)
                .score());
        assertEquals(none, new Bleu(BleuOptions.DEFAULT.withSmoothing(SmoothMethod.FLOOR, 0)).corpusScore(hyps, refs)
                .score());
    }

    @Test
    void smoothingRaisesAZeroHigherOrderPrecision() {
        List<String> hyps = List.of("the cat sat on a mat");
        List<List<String>> refs = List.of(List.of("the cat is on the mat"));
        double none = new Bleu(BleuOptions.DEFAULT.withSmoothing(SmoothMethod.NONE)).corpusScore(hyps, refs).score();
        assertEquals(0.0, none);
        for (SmoothMethod m : List.of(SmoothMethod.EXP, SmoothMethod.FLOOR, SmoothMethod.ADD_K)) {
            assertTrue(new Bleu(BleuOptions.DEFAULT.withSmoothing(m)).corpusScore(hyps, refs).score() > 0, m.name());
        }
    }

    @Test
    void theSignatureNamesEveryOptionAsSacreBleuDoes() {
        assertEquals("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", new Bleu().signature(1));
        assertEquals("nrefs:var|case:lc|eff:yes|tok:intl|smooth:add-k[0.50]|version:2.6.0",
                new Bleu(BleuOptions.DEFAULT.withLowercase(true).withEffectiveOrder(true)
                        .withTokenizer(BleuTokenizer.INTL).withSmoothing(SmoothMethod.ADD_K, 0.5)).signature(-1));
        assertEquals("nrefs:3|case:mixed|eff:no|tok:char|smooth:floor[0.10]|version:2.6.0",
                new Bleu(BleuOptions.DEFAULT.withTokenizer(BleuTokenizer.CHAR).withSmoothing(SmoothMethod.FLOOR))
                        .signature(3));
    }

    @Test
    void mismatchedStreamsAreRejectedNamingTheStreamAndCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bleu().corpusScore(List.of("a", "b"), List.of(List.of("a", "b"), List.of("a"))));
        assertTrue(e.getMessage().contains("reference stream 2 has 1 segments but there are 2 hypotheses"),
                e.getMessage());
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BleuOptions.DEFAULT.withMaxNgramOrder(0));
        assertThrows(IllegalArgumentException.class, () -> BleuOptions.DEFAULT.withSmoothing(SmoothMethod.FLOOR, -1));
        assertThrows(IllegalArgumentException.class, () -> SmoothMethod.named("linear"));
    }
}
