package io.lskd.nmt.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Real sentences for property tests: the English Bible verses (World English Bible) of the
 * golden file's real-text cases and their perturbed copies, read once.
 */
final class RealText {

    private static final JsonNode CASE = read();

    private RealText() {
    }

    private static JsonNode read() {
        try {
            return GoldenCases.read("sacrebleu-golden.json").filter(c -> c.get("name").asText().equals("bleu-bible-en-13a"))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 150 English verses. */
    static List<String> english() {
        return GoldenCases.strings(CASE.get("refs").get(0));
    }

    /** The same verses perturbed (words dropped, replaced, swapped), as a system output. */
    static List<String> perturbedEnglish() {
        return GoldenCases.strings(CASE.get("hyps"));
    }
}
