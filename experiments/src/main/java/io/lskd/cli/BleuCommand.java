package io.lskd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lskd.metrics.InputFormatException;
import io.lskd.nmt.metrics.Bleu;
import io.lskd.nmt.metrics.BleuOptions;
import io.lskd.nmt.metrics.BleuScore;
import io.lskd.nmt.metrics.BleuTokenizer;
import io.lskd.nmt.metrics.Chrf;
import io.lskd.nmt.metrics.ChrfOptions;
import io.lskd.nmt.metrics.ChrfScore;
import io.lskd.nmt.metrics.SegmentFiles;
import io.lskd.nmt.metrics.SmoothMethod;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lskd bleu REF [REF ...] -i HYP [options]}: BLEU and chrF(++) of a system output, as
 * sacreBLEU 2.6.0's command line computes and prints them (same options and short names).
 */
@Command(name = "bleu", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a system output against references with BLEU and chrF/chrF++, exactly as sacreBLEU 2.6.0.",
            "Files are UTF-8 (gzip if named .gz), one detokenized segment per line; every file must have as many "
                    + "lines as the hypotheses."})
final class BleuCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "REF", description = "Reference files, one per reference stream")
    List<Path> references;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "HYP", description = "The system output")
    Path input;

    @Option(names = {"-m", "--metrics"}, arity = "1..*", paramLabel = "METRIC", defaultValue = "bleu",
            description = "bleu, chrf or both (default: ${DEFAULT-VALUE}); chrf with --chrf-word-order 2 is chrF++")
    List<String> metrics;

    @Option(names = {"-nr", "--num-refs"}, defaultValue = "1", paramLabel = "N",
            description = "Each REF line holds N tab-separated references (default: ${DEFAULT-VALUE})")
    int numRefs;

    @Option(names = {"-tok", "--tokenize"}, defaultValue = "13a", paramLabel = "TOK",
            description = "BLEU tokenizer: 13a, intl, char or none (default: ${DEFAULT-VALUE})")
    String tokenize;

    @Option(names = {"-lc", "--lowercase"}, description = "Case-insensitive BLEU")
    boolean lowercase;

    @Option(names = {"-s", "--smooth-method"}, defaultValue = "exp", paramLabel = "METHOD",
            description = "BLEU smoothing: exp, floor, add-k or none (default: ${DEFAULT-VALUE})")
    String smoothMethod;

    @Option(names = {"-sv", "--smooth-value"}, paramLabel = "V",
            description = "Value of floor (default 0.1) or add-k (default 1); ignored by exp and none")
    Double smoothValue;

    @Option(names = {"-cc", "--chrf-char-order"}, defaultValue = "6", paramLabel = "N",
            description = "chrF character n-gram order (default: ${DEFAULT-VALUE})")
    int chrfCharOrder;

    @Option(names = {"-cw", "--chrf-word-order"}, defaultValue = "0", paramLabel = "N",
            description = "chrF word n-gram order; 2 gives chrF++ (default: ${DEFAULT-VALUE})")
    int chrfWordOrder;

    @Option(names = "--chrf-beta", defaultValue = "2", paramLabel = "B",
            description = "chrF recall weight (default: ${DEFAULT-VALUE})")
    int chrfBeta;

    @Option(names = "--chrf-whitespace", description = "Keep whitespace in chrF character n-grams")
    boolean chrfWhitespace;

    @Option(names = "--chrf-lowercase", description = "Case-insensitive chrF")
    boolean chrfLowercase;

    @Option(names = "--chrf-eps-smoothing", description = "chrF++.py's epsilon smoothing instead of effective order")
    boolean chrfEpsSmoothing;

    @Option(names = {"-sl", "--sentence-level"},
            description = "One score per segment (one metric only; BLEU then uses effective order, as sacreBLEU)")
    boolean sentenceLevel;

    @Option(names = {"-w", "--width"}, defaultValue = "1", paramLabel = "W",
            description = "Decimals of the printed score (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = {"-b", "--score-only"}, description = "Print only the score")
    boolean scoreOnly;

    @Option(names = "--json", description = "Print JSON: score (full precision), counts, totals, precisions, bp, "
            + "sys_len, ref_len, ratio and signature for BLEU; score, statistics, orders and signature for chrF")
    boolean json;

    @Option(names = "--benchmark", paramLabel = "RUNS",
            description = "Also time RUNS corpus scorings (after one warm-up) and print segments per second to stderr")
    Integer benchmarkRuns;

    @Override
    public Integer call() throws IOException {
        List<Metric> chosen = metrics();
        if (sentenceLevel && chosen.size() > 1) {
            throw new IllegalArgumentException("--sentence-level scores one metric at a time; got " + metrics);
        }
        if (width < 0 || numRefs < 1) {
            throw new IllegalArgumentException("--width must be >= 0 and --num-refs >= 1");
        }
        long t0 = System.nanoTime();
        List<String> hyps = SegmentFiles.read(input);
        List<List<String>> refs = readReferences(hyps.size());
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        if (benchmarkRuns != null) {
            benchmark(chosen, hyps, refs, readSeconds);
        }
        if (sentenceLevel) {
            printSentences(chosen.get(0), hyps, refs);
            return 0;
        }
        List<Object> results = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Metric m : chosen) {
            Object score = m.corpus(hyps, refs);
            results.add(jsonOf(score));
            lines.add(text(score));
        }
        if (json) {
            System.out.println(JSON.writeValueAsString(results.size() == 1 ? results.get(0) : results));
        } else {
            alignAtEquals(lines).forEach(System.out::println);
        }
        return 0;
    }

    /** sacreBLEU's {@code print_single_results}: several score lines are right-aligned so their '=' line up. */
    private static List<String> alignAtEquals(List<String> lines) {
        if (lines.size() < 2 || lines.stream().anyMatch(l -> l.indexOf('=') < 1)) {
            return lines;
        }
        int w = lines.stream().mapToInt(l -> l.indexOf('=') - 1).max().orElseThrow();
        return lines.stream().map(l -> " ".repeat(w - (l.indexOf('=') - 1)) + l).toList();
    }

    /** A metric with this command's options. */
    private interface Metric {
        String name();

        Object corpus(List<String> hyps, List<List<String>> refs);

        Object sentence(String hyp, List<String> refs);
    }

    /** The chosen metrics, each once, in sacreBLEU's order (by name: BLEU before chrF). */
    private List<Metric> metrics() {
        SortedSet<String> names = new TreeSet<>();
        metrics.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        List<Metric> out = new ArrayList<>();
        for (String name : names) {
            switch (name) {
                case "bleu" -> {
                    BleuOptions options = BleuOptions.DEFAULT.withTokenizer(BleuTokenizer.named(tokenize))
                            .withLowercase(lowercase)
                            .withSmoothing(SmoothMethod.named(smoothMethod), smoothValue == null ? Double.NaN : smoothValue)
                            .withEffectiveOrder(sentenceLevel);
                    Bleu bleu = new Bleu(options);
                    out.add(new Metric() {
                        public String name() {
                            return "bleu";
                        }

                        public Object corpus(List<String> h, List<List<String>> r) {
                            return bleu.corpusScore(h, r);
                        }

                        public Object sentence(String h, List<String> r) {
                            return bleu.sentenceScore(h, r);
                        }
                    });
                }
                case "chrf" -> {
                    Chrf chrf = new Chrf(new ChrfOptions(chrfCharOrder, chrfWordOrder, chrfBeta, chrfLowercase,
                            chrfWhitespace, chrfEpsSmoothing));
                    out.add(new Metric() {
                        public String name() {
                            return "chrf";
                        }

                        public Object corpus(List<String> h, List<List<String>> r) {
                            return chrf.corpusScore(h, r);
                        }

                        public Object sentence(String h, List<String> r) {
                            return chrf.sentenceScore(h, r);
                        }
                    });
                }
                default -> throw new IllegalArgumentException("unknown metric '" + name + "' in --metrics; expected bleu "
                        + "or chrf (reference files go before -i)");
            }
        }
        return out;
    }

    /** The reference streams, each checked to have one line per hypothesis. */
    private List<List<String>> readReferences(int hypLines) throws IOException {
        List<List<String>> streams = new ArrayList<>();
        for (Path ref : references) {
            List<List<String>> these = numRefs == 1 ? List.of(SegmentFiles.read(ref))
                    : SegmentFiles.readTabSeparated(ref, numRefs);
            int lines = these.get(0).size();
            if (lines != hypLines) {
                throw new InputFormatException(ref, 0, "has " + lines + " lines but the hypotheses " + input
                        + " have " + hypLines + "; every reference file needs one line per hypothesis");
            }
            streams.addAll(these);
        }
        return streams;
    }

    private void printSentences(Metric metric, List<String> hyps, List<List<String>> refs) throws JsonProcessingException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hyps.size(); i++) {
            List<String> segmentRefs = new ArrayList<>(refs.size());
            for (List<String> stream : refs) {
                segmentRefs.add(stream.get(i));
            }
            Object score = metric.sentence(hyps.get(i), segmentRefs);
            out.append(json ? JSON_LINE.writeValueAsString(jsonOf(score)) : text(score)).append('\n');
        }
        System.out.print(out);
    }

    /** sacreBLEU's text line, e.g. {@code BLEU|nrefs:1|...|version:2.6.0 = 48.5 82.4/50.0/... (BP = ...)}. */
    private String text(Object score) {
        if (score instanceof BleuScore b) {
            return scoreOnly ? b.scoreText(width) : b.format(width, true);
        }
        ChrfScore c = (ChrfScore) score;
        return scoreOnly ? c.scoreText(width) : c.format(width, true);
    }

    private static Map<String, Object> jsonOf(Object score) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (score instanceof BleuScore b) {
            m.put("name", "BLEU");
            m.put("score", b.score());
            m.put("counts", numbers(b.counts()));
            m.put("totals", numbers(b.totals()));
            m.put("precisions", b.precisions());
            m.put("bp", b.bp());
            m.put("sys_len", b.sysLen());
            m.put("ref_len", b.refLen());
            m.put("ratio", b.ratio());
            m.put("verbose_score", b.verbose());
            m.put("signature", b.signature());
            signatureFields(b.signature(), m);
        } else {
            ChrfScore c = (ChrfScore) score;
            m.put("name", c.name());
            m.put("score", c.score());
            m.put("char_order", c.charOrder());
            m.put("word_order", c.wordOrder());
            m.put("beta", c.beta());
            m.put("statistics", c.statistics());
            m.put("signature", c.signature());
            signatureFields(c.signature(), m);
        }
        return m;
    }

    /** Integral counts as integers (all but add-k with a fractional k), as sacreBLEU's Python lists print. */
    private static List<Number> numbers(double[] values) {
        List<Number> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v == Math.rint(v) && Math.abs(v) < 1e15 ? (Number) (long) v : (Number) v);
        }
        return out;
    }

    /** sacreBLEU's JSON also carries each signature field as its own key. */
    private static void signatureFields(String signature, Map<String, Object> m) {
        for (String field : signature.split("\\|")) {
            int colon = field.indexOf(':');
            m.put(field.substring(0, colon), field.substring(colon + 1));
        }
    }

    /**
     * Times corpus scoring after one warm-up run. Both wall-clock and this thread's CPU time are
     * reported: on a shared machine the wall clock also counts the time other processes hold the
     * cores, while CPU time is what the scoring itself costs.
     */
    private void benchmark(List<Metric> chosen, List<String> hyps, List<List<String>> refs, double readSeconds) {
        if (benchmarkRuns < 1) {
            throw new IllegalArgumentException("--benchmark needs at least 1 run, got " + benchmarkRuns);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.err.printf(Locale.ROOT, "read %d segments x %d reference stream(s) in %.3f s%n", hyps.size(), refs.size(),
                readSeconds);
        for (Metric m : chosen) {
            m.corpus(hyps, refs);
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int r = 0; r < benchmarkRuns; r++) {
                m.corpus(hyps, refs);
            }
            double wallPerRun = (System.nanoTime() - wall) / 1e9 / benchmarkRuns;
            double cpuPerRun = (threads.getCurrentThreadCpuTime() - cpu) / 1e9 / benchmarkRuns;
            System.err.printf(Locale.ROOT, "%s: %d segments per corpus scoring, %d runs: %.4f s wall (%.0f segments/s), "
                    + "%.4f s CPU (%.0f segments/s)%n", m.name(), hyps.size(), benchmarkRuns, wallPerRun,
                    hyps.size() / wallPerRun, cpuPerRun, hyps.size() / cpuPerRun);
        }
    }
}
