package io.lskd.nmt.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases of {@code sacrebleu-golden.json}, written by {@code make_golden.py} with sacreBLEU
 * 2.6.0: BLEU and chrF/chrF++ at corpus and sentence level, every tokenizer and smoothing,
 * lowercase, effective order, several and variable references, real Bible text in English and
 * Spanish, and random strings full of tokenizer edge cases. Scores must match to 1e-4,
 * counts and lengths exactly, and the signature and the printed form character for character.
 */
class SacreBleuGoldenTest {

    static Stream<Arguments> bleuCases() throws IOException {
        return cases("bleu");
    }

    static Stream<Arguments> chrfCases() throws IOException {
        return cases("chrf");
    }

    private static Stream<Arguments> cases(String metric) throws IOException {
        return GoldenCases.read("sacrebleu-golden.json").filter(c -> c.get("metric").asText().equals(metric))
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bleuCases")
    void bleuMatchesSacreBleu(String name, JsonNode c) {
        BleuScore s = GoldenCases.scoreBleu(c);
        assertEquals(c.get("score").asDouble(), s.score(), BleuGoldenTest.TOLERANCE, "score");
        assertArrayEquals(GoldenCases.doubles(c.get("counts")), s.counts(), 1e-12, "counts");
        assertArrayEquals(GoldenCases.doubles(c.get("totals")), s.totals(), 1e-12, "totals");
        assertArrayEquals(GoldenCases.doubles(c.get("precisions")), s.precisions(), BleuGoldenTest.TOLERANCE,
                "precisions");
        assertEquals(c.get("bp").asDouble(), s.bp(), BleuGoldenTest.TOLERANCE, "bp");
        assertEquals(c.get("sys_len").asLong(), s.sysLen(), "sys_len");
        assertEquals(c.get("ref_len").asLong(), s.refLen(), "ref_len");
        assertEquals(c.get("signature").asText(), s.signature(), "signature");
        assertEquals(c.get("formatted").asText(), s.format(), "printed form");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chrfCases")
    void chrfMatchesSacreBleu(String name, JsonNode c) {
        ChrfScore s = GoldenCases.scoreChrf(c);
        assertEquals(c.get("score").asDouble(), s.score(), BleuGoldenTest.TOLERANCE, "score");
        assertArrayEquals(GoldenCases.longs(c.get("statistics")), s.statistics(), "statistics");
        assertEquals(c.get("signature").asText(), s.signature(), "signature");
        assertEquals(c.get("formatted").asText(), s.format(), "printed form");
    }
}
