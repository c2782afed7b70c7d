package io.lskd.nmt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The tokenizers against sacreBLEU's own output ({@code tokenizer-golden.json}, from {@code make_golden.py}). */
class BleuTokenizerTest {

    private static JsonNode golden() throws IOException {
        try (InputStream in = BleuTokenizerTest.class.getResourceAsStream("tokenizer-golden.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest
    @EnumSource(BleuTokenizer.class)
    void everyLineTokenizesAsSacreBleu(BleuTokenizer tokenizer) throws IOException {
        JsonNode g = golden();
        List<String> lines = GoldenCases.strings(g.get("lines"));
        JsonNode expected = g.get("tokens").get(tokenizer.signatureName());
        assertEquals(lines.size(), expected.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(GoldenCases.strings(expected.get(i)), tokenizer.tokens(lines.get(i)),
                    "line " + i + ": " + lines.get(i));
        }
    }

    @Test
    void thirteenASplitsPunctuationButKeepsNumbersAndApostrophes() {
        assertEquals(List.of("It", "wasn't", "1,000.5", "dollars", "-", "or", "3", "-", "4", "."),
                BleuTokenizer.THIRTEEN_A.tokens("It wasn't 1,000.5 dollars - or 3-4."));
    }

    @Test
    void intlSplitsUnicodePunctuationAndSymbolsTheJdkDoesNotKnow() {
        // U+1FAE0 (melting face) is a symbol since Unicode 14, which Java 17's regex does not know
        assertEquals(List.of("«", "Hi", "»", "\uD83E\uDEE0", "3.5", "€"),
                BleuTokenizer.INTL.tokens("«Hi»\uD83E\uDEE03.5€"));
    }

    @Test
    void charGivesCodePointsNotUtf16Units() {
        assertEquals(List.of("a", "\uD83D\uDE00", "b"), BleuTokenizer.CHAR.tokens("a \uD83D\uDE00\u00a0b"));
    }

    @Test
    void unknownNamesAreRejectedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BleuTokenizer.named("zh"));
        assertTrue(e.getMessage().contains("'zh'") && e.getMessage().contains("13a, intl, char, none"), e.getMessage());
    }
}
