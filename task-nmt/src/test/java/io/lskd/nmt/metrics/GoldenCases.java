package io.lskd.nmt.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads golden case files (a JSON array of cases, or an object whose {@code cases} is one; a case
 * is {name, hyps, refs, options, expected figures}) and scores a case with its options, given
 * under sacreBLEU's keyword names.
 */
final class GoldenCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenCases() {
    }

    static Stream<JsonNode> read(String resource) throws IOException {
        try (InputStream in = GoldenCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            JsonNode root = JSON.readTree(in);
            JsonNode cases = root.isArray() ? root : root.get("cases");
            return StreamSupport.stream(cases.spliterator(), false).toList().stream();
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    static List<List<String>> streams(JsonNode c) {
        List<List<String>> refs = new ArrayList<>();
        c.get("refs").forEach(stream -> refs.add(strings(stream)));
        return refs;
    }

    static boolean sentence(JsonNode c) {
        return c.path("options").path("sentence").asBoolean(false);
    }

    /** The case's hypotheses scored with its options (sacreBLEU's keyword names). */
    static BleuScore scoreBleu(JsonNode c) {
        JsonNode o = c.path("options");
        BleuOptions opts = BleuOptions.DEFAULT
                .withTokenizer(BleuTokenizer.named(o.path("tokenize").asText("13a")))
                .withLowercase(o.path("lowercase").asBoolean(false))
                .withSmoothing(SmoothMethod.named(o.path("smooth_method").asText("exp")),
                        o.has("smooth_value") ? o.get("smooth_value").asDouble() : Double.NaN)
                .withMaxNgramOrder(o.path("max_ngram_order").asInt(4))
                .withEffectiveOrder(o.path("effective_order").asBoolean(false));
        Bleu bleu = new Bleu(opts);
        List<String> hyps = strings(c.get("hyps"));
        List<List<String>> refs = streams(c);
        if (sentence(c)) {
            List<String> segmentRefs = new ArrayList<>();
            refs.forEach(stream -> segmentRefs.add(stream.get(0)));
            return bleu.sentenceScore(hyps.get(0), segmentRefs);
        }
        return bleu.corpusScore(hyps, refs);
    }

    /** The case's hypotheses scored by chrF with its options (sacreBLEU's keyword names). */
    static ChrfScore scoreChrf(JsonNode c) {
        JsonNode o = c.path("options");
        ChrfOptions opts = new ChrfOptions(o.path("char_order").asInt(6), o.path("word_order").asInt(0),
                o.path("beta").asInt(2), o.path("lowercase").asBoolean(false), o.path("whitespace").asBoolean(false),
                o.path("eps_smoothing").asBoolean(false));
        Chrf chrf = new Chrf(opts);
        List<String> hyps = strings(c.get("hyps"));
        List<List<String>> refs = streams(c);
        if (sentence(c)) {
            List<String> segmentRefs = new ArrayList<>();
            refs.forEach(stream -> segmentRefs.add(stream.get(0)));
            return chrf.sentenceScore(hyps.get(0), segmentRefs);
        }
        return chrf.corpusScore(hyps, refs);
    }
}
