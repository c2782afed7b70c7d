package io.lskd.report;

import io.lskd.run.JsonFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code lskd report}: for each suite folder under a runs folder, the paper's Table 1 (teacher
 * accuracy and 1-S with and without LS) and Table 2 (student accuracy per teacher) as mean ±
 * sample std over seeds, every arm's figures, a verdict per claim by {@link Comparison}'s
 * rule, the figures, and the runs that are missing. Writes report.md (figures as PNG files
 * beside it), a self-contained report.html (figures embedded as base64 PNG) and report.json
 * (every number in the tables, for checking).
 */
public final class Report {

    private final List<SuiteRuns> suites;
    private final Map<String, BufferedImage> figures = new LinkedHashMap<>();
    private final Map<String, Object> numbers = new LinkedHashMap<>();
    private final StringBuilder md = new StringBuilder();

    private Report(List<SuiteRuns> suites) {
        this.suites = suites;
    }

    /**
     * Reads a suite folder (holding suite.json) or a runs folder whose sub-folders are suite
     * folders; a sub-folder whose name is not its suite's name (an earlier run moved aside) is
     * left out.
     *
     * @throws IllegalArgumentException when no suite folder is found
     */
    public static Report of(Path dir) {
        List<SuiteRuns> suites = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("suite.json"))) {
            suites.add(SuiteRuns.read(dir));
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.sorted().toList()) {
                    if (Files.isRegularFile(child.resolve("suite.json"))) {
                        SuiteRuns suite = SuiteRuns.read(child);
                        if (suite.name().equals(child.getFileName().toString())) {
                            suites.add(suite);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        if (suites.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no suite folder (one holding suite.json, as lskd run writes)"
                    + " in it or under it");
        }
        Report report = new Report(suites);
        report.build();
        return report;
    }

    /** The Markdown text (figures referenced as figures/NAME.png). */
    public String markdown() {
        return md.toString();
    }

    /** Writes report.md, figures/*.png, report.html and report.json into {@code out}; returns report.md's path. */
    public Path write(Path out) throws IOException {
        Files.createDirectories(out.resolve("figures"));
        Map<String, String> embedded = new LinkedHashMap<>();
        for (Map.Entry<String, BufferedImage> f : figures.entrySet()) {
            byte[] png = Figures.png(f.getValue());
            Files.write(out.resolve("figures").resolve(f.getKey() + ".png"), png);
            embedded.put(f.getKey(), Base64.getEncoder().encodeToString(png));
        }
        JsonFiles.writeText(out.resolve("report.md"), md.toString());
        JsonFiles.writeText(out.resolve("report.html"), Html.page("lskd report", md.toString(), embedded));
        JsonFiles.write(out.resolve("report.json"), numbers);
        return out.resolve("report.md");
    }

    private void build() {
        md.append("# lskd report\n\n");
        md.append("Mean ± sample standard deviation (ddof 1) over seeds. Verdict rule: per-seed paired differences"
                + " d (runs share seeds, initial weights and data order), mean d̄, standard error se = std(d)/√n;"
                + " |d̄| ≤ 2 se is *within noise*, otherwise *reproduced* when d̄ has the sign the claim expects and"
                + " *not reproduced* when it has the other; one seed: *too few seeds*; none: *not run*. A claim"
                + " with several tested parts is reproduced only when all are, and not reproduced when any is not."
                + " Lines marked context carry no verdict.\n\n");
        for (SuiteRuns suite : suites) {
            suite(suite);
        }
    }

    private void suite(SuiteRuns suite) {
        Map<String, Object> suiteNumbers = new LinkedHashMap<>();
        numbers.put(suite.name(), suiteNumbers);
        md.append("## Suite `").append(suite.name()).append("`\n\n");
        String description = suite.suite.path("description").asText("");
        if (!description.isEmpty()) {
            md.append(description).append("\n\n");
        }
        md.append("Folder: `").append(suite.dir).append("`; seeds ").append(suite.suite.path("seeds"))
                .append("; ").append(suite.runs.size()).append(" finished runs.\n\n");
        if (suite.missing.isEmpty()) {
            md.append("All runs of the suite finished.\n\n");
        } else {
            md.append("**Missing runs** (").append(suite.missing.size()).append("; no result.json): ")
                    .append(String.join(", ", suite.missing)).append(".\n\n");
        }
        suiteNumbers.put("missing", suite.missing);
        List<Claims.Finding> findings = Claims.evaluate(suite.tasks);
        md.append("### Claims\n\n");
        for (Claims.Finding f : findings) {
            md.append("- **").append(f.claim()).append("** (").append(f.task()).append("): ").append(f.statement())
                    .append(" Verdict: **").append(f.verdict().text).append("**.\n");
            for (Claims.Part p : f.parts()) {
                md.append("  - ").append(p.describe()).append("\n");
            }
            for (String c : f.context()) {
                md.append("  - context: ").append(c).append("\n");
            }
        }
        md.append("\n");
        suiteNumbers.put("claims", findings.stream().map(f -> Map.of("claim", f.claim(), "task", f.task(),
                "verdict", f.verdict().text)).toList());
        Map<String, Object> taskNumbers = new LinkedHashMap<>();
        suiteNumbers.put("tasks", taskNumbers);
        for (TaskRuns t : suite.tasks) {
            taskNumbers.put(t.label(), task(suite, t));
        }
        BufferedImage gap = Figures.lsGapPerTask(suite.tasks);
        if (gap != null) {
            figure(suite.name() + "-ls-gap-per-task", gap, "Student top-1 of the LS teacher minus the no-LS teacher's"
                    + " (T = 1) per task: C6");
        }
    }

    private Map<String, Object> task(SuiteRuns suite, TaskRuns t) {
        Map<String, Object> out = new LinkedHashMap<>();
        md.append("### Task ").append(t.label()).append("\n\n");
        md.append("Task spec: `").append(t.task).append("`\n\n");
        out.put("table1", table1(t));
        out.put("table2", table2(t));
        out.put("arms", allArms(t));
        String prefix = suite.name() + "-" + t.key();
        figure(prefix + "-projection", Figures.projection(t), "Template-plane projection (Müller et al.): no-LS "
                + "teacher (top) and LS teacher (bottom), training (left) and held-out (right) split");
        figure(prefix + "-class-mean-softmax", Figures.classMeanSoftmax(t), "Mean softmax per true class (bars; log "
                + "scale, values below 1e-4 drawn at 1e-4), no-LS (left) and LS (right) teacher");
        TaskRuns.Pair p = t.pairAtT1();
        figure(prefix + "-reliability", Figures.reliability(t, List.of(nullSafe(t.teacher(false)),
                nullSafe(t.teacher(true)), p == null ? "" : p.plain(), p == null ? "" : p.ls())),
                "Reliability diagram (15 bins, held-out split, pooled over seeds)");
        figure(prefix + "-kd-curves", Figures.curves(t, p), "C3: KD training loss and held-out top-1 per epoch of "
                + "the T = 1 students of the no-LS and the LS teacher");
        figure(prefix + "-temperature", Figures.temperature(t), "C7: student top-1 against temperature for both "
                + "teachers, and the teachers' soft-label diffusion (mean normalised entropy of the non-target "
                + "distribution at T)");
        return out;
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }

    /** Table 1: teachers without and with LS. */
    private List<Map<String, Object>> table1(TaskRuns t) {
        md.append("**Table 1** (teachers; cf. the paper's Table 1)\n\n");
        List<String> header = List.of("teacher", "LS", "seeds", "top-1 %", "1-S held-out", "1-S train", "ECE", "NLL");
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String arm : t.armNames()) {
            if (!t.isTeacher(arm)) {
                continue;
            }
            Stat top1 = t.stat(arm, r -> r.metric("top1"));
            Stat s = t.stat(arm, r -> r.metric("stability"));
            Stat st = t.stat(arm, r -> r.metric("train_stability"));
            Stat ece = t.stat(arm, r -> r.metric("ece"));
            Stat nll = t.stat(arm, r -> r.metric("nll"));
            rows.add(List.of(arm, t.smoothed(arm) ? "yes" : "no", String.valueOf(top1.n()), top1.format(100, 2),
                    s.format(1, 4), st.format(1, 4), ece.format(1, 4), nll.format(1, 4)));
            out.add(row(arm, Map.of("top1", top1, "stability", s, "train_stability", st, "ece", ece, "nll", nll)));
        }
        md.append(Markdown.table(header, rows)).append("\n");
        return out;
    }

    /** Table 2: each teacher's accuracy and its students' accuracy per distiller. */
    private List<Map<String, Object>> table2(TaskRuns t) {
        List<TaskRuns.Pair> pairs = t.pairs();
        if (pairs.isEmpty()) {
            return List.of();
        }
        md.append("**Table 2** (student top-1 % per teacher; cf. the paper's Table 2)\n\n");
        List<String> header = new ArrayList<>(List.of("teacher", "teacher top-1 %"));
        pairs.forEach(p -> header.add("student, " + p.label()));
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (boolean ls : new boolean[] {false, true}) {
            String teacher = t.teacher(ls);
            if (teacher == null) {
                continue;
            }
            Stat tt = t.stat(teacher, r -> r.metric("top1"));
            List<String> line = new ArrayList<>(List.of(teacher + (ls ? " (LS)" : " (no LS)"), tt.format(100, 2)));
            Map<String, Stat> values = new LinkedHashMap<>();
            values.put("teacher_top1", tt);
            for (TaskRuns.Pair p : pairs) {
                String student = ls ? p.ls() : p.plain();
                Stat s = t.stat(student, r -> r.metric("top1"));
                line.add(s.format(100, 2));
                values.put(student, s);
            }
            rows.add(line);
            out.add(row(teacher, values));
        }
        md.append(Markdown.table(header, rows));
        String alone = t.alone();
        if (alone != null) {
            Stat s = t.stat(alone, r -> r.metric("top1"));
            md.append("\nStudent trained alone (`").append(alone).append("`): ").append(s.format(100, 2)).append(" %.\n");
            out.add(row(alone, Map.of("top1", s)));
        }
        md.append("\n");
        return out;
    }

    /** Every arm's final figures. */
    private List<Map<String, Object>> allArms(TaskRuns t) {
        md.append("<details><summary>All arms</summary>\n\n");
        List<String> header = List.of("arm", "teacher", "seeds", "top-1 %", "NLL", "ECE", "1-S", "agree %",
                "final train loss");
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String arm : t.armNames()) {
            Stat top1 = t.stat(arm, r -> r.metric("top1"));
            Stat nll = t.stat(arm, r -> r.metric("nll"));
            Stat ece = t.stat(arm, r -> r.metric("ece"));
            Stat s = t.stat(arm, r -> r.metric("stability"));
            Stat agree = t.stat(arm, r -> r.metric("agreement"));
            Stat loss = t.stat(arm, r -> r.lastEpoch("train_loss"));
            String teacher = t.arm(arm).path("teacher").asText("-");
            rows.add(List.of(arm, teacher, String.valueOf(top1.n()), top1.format(100, 2), nll.format(1, 4),
                    ece.format(1, 4), s.format(1, 4), agree.format(100, 2), loss.format(1, 4)));
            out.add(row(arm, Map.of("top1", top1, "nll", nll, "ece", ece, "stability", s, "agreement", agree,
                    "train_loss", loss)));
        }
        md.append(Markdown.table(header, rows)).append("\n</details>\n\n");
        return out;
    }

    private static Map<String, Object> row(String arm, Map<String, Stat> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("arm", arm);
        values.forEach((k, s) -> out.put(k, Map.of("mean", s.mean(), "std", s.std(), "n", s.n())));
        return out;
    }

    private void figure(String name, BufferedImage image, String caption) {
        if (image == null) {
            return;
        }
        figures.put(name, image);
        md.append("![").append(caption).append("](figures/").append(name).append(".png)\n\n*")
                .append(caption).append(".*\n\n");
    }

    /** One line per claim and task: "C1 fashion-mnist: reproduced". */
    public List<String> verdicts() {
        List<String> out = new ArrayList<>();
        for (SuiteRuns suite : suites) {
            for (Claims.Finding f : Claims.evaluate(suite.tasks)) {
                out.add(suite.name() + " " + f.claim() + " " + f.task() + ": " + f.verdict().text);
            }
            if (!suite.missing.isEmpty()) {
                out.add(suite.name() + ": " + suite.missing.size() + " runs missing");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Report[%d suites, %d figures]", suites.size(), figures.size());
    }
}
