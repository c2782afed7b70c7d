package io.lskd.cli;

import static io.lskd.cli.CliTest.lskd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lskd bleu} as a user meets it, on sacreBLEU's README example. Every expected line is
 * what sacreBLEU 2.6.0 printed for the same files and options ({@code sacrebleu ref1.txt ref2.txt
 * -i hyp.txt -f text ...} with the options of each test).
 */
class BleuCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private String hyp;
    private String ref1;
    private String ref2;

    @BeforeEach
    void writeFiles() throws IOException {
        hyp = write("hyp.txt", "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n");
        ref1 = write("ref1.txt", "The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n");
        ref2 = write("ref2.txt", "The dog had bit the man.\nNo one was surprised.\nThe man had bitten the dog.\n");
    }

    private String write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    @Test
    void printsBleuAndChrfLikeSacreBleu() {
        CliTest.Outcome r = lskd("bleu", ref1, ref2, "-i", hyp, "--metrics", "chrf", "bleu");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                  BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 48.5 82.4/50.0/45.5/37.5 \
                (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)
                chrF2|nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0 = 59.7
                """, r.out());
    }

    @Test
    void chrfPlusPlusWithFourDecimals() {
        CliTest.Outcome r = lskd("bleu", ref1, ref2, "-i", hyp, "-m", "chrf", "-cw", "2", "-w", "4");
        assertEquals(0, r.code(), r.err());
        assertEquals("chrF2++|nrefs:2|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0 = 59.1531\n", r.out());
    }

    @Test
    void optionsChangeTheScoreAsInSacreBleu() {
        CliTest.Outcome r = lskd("bleu", ref1, ref2, "-i", hyp, "--tokenize", "intl", "--lowercase",
                "--smooth-method", "add-k", "--smooth-value", "0.5", "--score-only", "--width", "3");
        assertEquals(0, r.code(), r.err());
        assertEquals("46.181\n", r.out());
    }

    @Test
    void sentenceLevelPrintsOneLinePerSegmentWithEffectiveOrder() {
        CliTest.Outcome r = lskd("bleu", ref1, "-i", hyp, "--sentence-level");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                BLEU|nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0 = 100.0 100.0/100.0/100.0/100.0 \
                (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)
                BLEU|nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0 = 14.8 50.0/16.7/12.5/12.5 \
                (BP = 0.779 ratio = 0.800 hyp_len = 4 ref_len = 5)
                BLEU|nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0 = 15.6 57.1/16.7/10.0/6.2 \
                (BP = 1.000 ratio = 1.167 hyp_len = 7 ref_len = 6)
                """, r.out());
    }

    @Test
    void jsonCarriesTheStatisticsAndTheSignature() throws IOException {
        CliTest.Outcome r = lskd("bleu", ref1, ref2, "-i", hyp, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(48.530827009929865, j.get("score").asDouble(), 1e-12);
        assertEquals("[14,7,5,3]", j.get("counts").toString());
        assertEquals("[17,14,11,8]", j.get("totals").toString());
        assertEquals(0.9428731438548749, j.get("bp").asDouble(), 1e-12);
        assertEquals(17, j.get("sys_len").asInt());
        assertEquals(18, j.get("ref_len").asInt());
        assertEquals("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", j.get("signature").asText());
        assertEquals("13a", j.get("tok").asText());

        CliTest.Outcome both = lskd("bleu", ref1, ref2, "-i", hyp, "--json", "-m", "bleu", "chrf");
        JsonNode array = JSON.readTree(both.out());
        assertEquals("chrF2", array.get(1).get("name").asText());
        assertEquals(59.7, array.get(1).get("score").asDouble(), 0.05);
        assertEquals(18, array.get(1).get("statistics").size(), "hyp, ref, match for 6 orders");
    }

    @Test
    void tabSeparatedReferencesEqualSeparateFiles() throws IOException {
        String both = write("refs.tsv", String.join("\n", Files.readAllLines(Path.of(ref1)).stream()
                .map(l -> l + "\t" + l.replace("man", "person")).toList()) + "\n");
        CliTest.Outcome r = lskd("bleu", both, "-nr", "2", "-i", hyp, "-b", "-w", "6");
        assertEquals(0, r.code(), r.err());
        String other = write("ref1b.txt", Files.readString(Path.of(ref1)).replace("man", "person"));
        assertEquals(lskd("bleu", ref1, other, "-i", hyp, "-b", "-w", "6").out(), r.out());
    }

    @Test
    void filesOfDifferentLengthsAreRejectedNamingBoth() throws IOException {
        String shortRef = write("short.txt", "The dog bit the man.\n");
        CliTest.Outcome r = lskd("bleu", ref1, shortRef, "-i", hyp);
        assertEquals(Main.USAGE_ERROR, r.code());
        assertTrue(r.err().contains(shortRef + ": has 1 lines but the hypotheses " + hyp + " have 3"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownTokenizersAndMetricsAreRejected() {
        CliTest.Outcome tok = lskd("bleu", ref1, "-i", hyp, "--tokenize", "zh");
        assertEquals(Main.USAGE_ERROR, tok.code());
        assertTrue(tok.err().contains("unknown BLEU tokenizer 'zh'; expected one of 13a, intl, char, none"), tok.err());
        CliTest.Outcome metric = lskd("bleu", ref1, "-i", hyp, "-m", "ter");
        assertEquals(Main.USAGE_ERROR, metric.code());
        assertTrue(metric.err().contains("unknown metric 'ter'"), metric.err());
    }

    @Test
    void benchmarkReportsSegmentsPerSecondOnStderr() {
        CliTest.Outcome r = lskd("bleu", ref1, "-i", hyp, "--benchmark", "3", "-m", "bleu", "chrf");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("bleu: ") && r.err().contains("chrf: ") && r.err().contains("segments/s"), r.err());
    }
}
