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
 * Every case of {@code bleu-golden.json} (sacreBLEU 2.6.0's own figures, the project's shared
 * golden file) reproduced to 1e-4: score, counts, totals, precisions, brevity penalty,
 * lengths and signature.
 */
class BleuGoldenTest {

    static final double TOLERANCE = 1e-4;

    static Stream<Arguments> cases() throws IOException {
        return GoldenCases.read("bleu-golden.json").map(c -> Arguments.of(c.get("name").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesSacreBleu(String name, JsonNode c) {
        BleuScore s = GoldenCases.scoreBleu(c);
        assertEquals(c.get("score").asDouble(), s.score(), TOLERANCE, "score");
        assertArrayEquals(GoldenCases.doubles(c.get("counts")), s.counts(), TOLERANCE, "counts");
        assertArrayEquals(GoldenCases.doubles(c.get("totals")), s.totals(), TOLERANCE, "totals");
        assertArrayEquals(GoldenCases.doubles(c.get("precisions")), s.precisions(), TOLERANCE, "precisions");
        assertEquals(c.get("bp").asDouble(), s.bp(), TOLERANCE, "bp");
        assertEquals(c.get("sys_len").asLong(), s.sysLen(), "sys_len");
        assertEquals(c.get("ref_len").asLong(), s.refLen(), "ref_len");
        if (c.has("signature")) {
            assertEquals(c.get("signature").asText(), s.signature(), "signature");
        }
    }
}
