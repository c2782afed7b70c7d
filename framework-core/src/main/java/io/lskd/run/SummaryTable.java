package io.lskd.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The suite's table: one row per arm (and variant, when the suite has variants), each metric as mean +- sample standard deviation
 * (ddof 1) over the seeds that ran; a single seed shows the value alone.
 */
public final class SummaryTable {

    /**
     * The columns known, with their headings; a column shows when some row has its metric
     * (classification and translation suites report different ones), missing values as "-".
     */
    private static final Map<String, String> COLUMNS = columns();
    private static final Set<String> PERCENT = Set.of("top1", "agreement", "token_accuracy");
    /** Scores already on a 0-100 scale (sacreBLEU's), shown with 2 decimals. */
    private static final Set<String> POINTS = Set.of("bleu", "chrf");

    private final List<Row> rows;

    /** One arm aggregated over its seeds. */
    public record Row(String variant, String arm, String role, String teacher, List<Integer> seeds, Map<String, Stat> metrics) {
    }

    /** Mean and sample standard deviation (NaN for a single value). */
    public record Stat(double mean, double std, int n) {
        static Stat of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Stat(mean, values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : Double.NaN, values.size());
        }
    }

    private SummaryTable(List<Row> rows) {
        this.rows = rows;
    }

    public static SummaryTable of(List<RunResult> results) {
        Map<String, List<RunResult>> byArm = new LinkedHashMap<>();
        for (RunResult r : results) {
            byArm.computeIfAbsent(r.variant() == null ? r.arm() : r.variant() + "/" + r.arm(),
                    k -> new ArrayList<>()).add(r);
        }
        List<Row> rows = new ArrayList<>();
        for (List<RunResult> runs : byArm.values()) {
            Map<String, List<Double>> values = new LinkedHashMap<>();
            for (RunResult r : runs) {
                r.metrics().forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
            Map<String, Stat> stats = new LinkedHashMap<>();
            values.forEach((k, v) -> stats.put(k, Stat.of(v)));
            RunResult first = runs.get(0);
            rows.add(new Row(first.variant(), first.arm(), first.role(), first.teacher(), runs.stream().map(RunResult::seed).toList(),
                    stats));
        }
        return new SummaryTable(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    /** A Markdown table (also readable as plain text). */
    public String render() {
        boolean variants = rows.stream().anyMatch(r -> r.variant() != null);
        List<String> keys = COLUMNS.keySet().stream()
                .filter(k -> rows.stream().anyMatch(r -> r.metrics().containsKey(k))).toList();
        List<String> header = new ArrayList<>(List.of("arm", "teacher", "seeds"));
        if (variants) {
            header.add(0, "variant");
        }
        keys.forEach(k -> header.add(COLUMNS.get(k)));
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            List<String> line = new ArrayList<>(List.of(row.arm(), row.teacher() == null ? "-" : row.teacher(),
                    String.valueOf(row.seeds().size())));
            if (variants) {
                line.add(0, row.variant() == null ? "-" : row.variant());
            }
            for (String key : keys) {
                Stat s = row.metrics().get(key);
                line.add(s == null ? "-" : format(s, PERCENT.contains(key) ? 100 : 1,
                        PERCENT.contains(key) || POINTS.contains(key) ? "%.2f" : "%.4f"));
            }
            cells.add(line);
        }
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> line : cells) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        appendLine(out, rule, widths);
        cells.forEach(line -> appendLine(out, line, widths));
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int c = 0; c < cells.size(); c++) {
            out.append(' ').append(String.format(Locale.ROOT, "%-" + widths[c] + "s", cells.get(c))).append(" |");
        }
        out.append('\n');
    }

    /** Shares shown as percentages and 0-100 scores with 2 decimals; everything else with 4 decimals. */
    private static String format(Stat s, double scale, String pattern) {
        String mean = String.format(Locale.ROOT, pattern, s.mean() * scale);
        return Double.isNaN(s.std()) ? mean : mean + " ± " + String.format(Locale.ROOT, pattern, s.std() * scale);
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("top1", "top-1 %");
        c.put("nll", "NLL");
        c.put("ece", "ECE");
        c.put("stability", "1-S test");
        c.put("train_stability", "1-S train");
        c.put("agreement", "agree %");
        c.put("bleu", "BLEU");
        c.put("chrf", "chrF");
        c.put("token_accuracy", "token acc %");
        c.put("flip_ratio", "flip ratio");
        return c;
    }
}
