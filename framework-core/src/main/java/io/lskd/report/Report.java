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
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code lskd report}: for each suite folder under a runs folder, the paper's Table 1 (teacher
 * accuracy and 1-S with and without LS) and Table 2 (student accuracy per teacher) as mean ±
 * sample std over seeds, every arm's figures, a verdict per claim by {@link Comparison}'s
 * rule, the figures, and the runs that are missing. Translation tasks show BLEU, chrF, NLL per
 * token and token accuracy instead; binary students add their flip ratio and size in bits.
 * Writes report.md (figures as PNG files beside it), a self-contained report.html (figures
 * embedded as base64 PNG) and report.json (every number in the tables, for checking).
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
                    + " (T = 1) per task, mean of the paired differences over seeds, bars ± their std: C6");
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
        TaskRuns.Pair binary = TaskRuns.atT1(t.binaryPairs());
        List<String> calibrated = new ArrayList<>();
        Stream.of(t.teacher(false), t.teacher(true)).filter(Objects::nonNull).forEach(calibrated::add);
        for (TaskRuns.Pair pair : Stream.of(p, binary).filter(Objects::nonNull).toList()) {
            calibrated.addAll(List.of(pair.plain(), pair.ls()));
        }
        figure(prefix + "-reliability", Figures.reliability(t, calibrated),
                "Reliability diagram (15 bins, held-out split, pooled over seeds)");
        if (p != null) {
            figure(prefix + "-kd-curves", Figures.curves(t, List.of(p.plain(), p.ls()), List.of(
                    Figures.Curve.TRAIN_LOSS, Figures.Curve.TEST_TOP1)), "C3: KD training loss and held-out top-1 per"
                    + " epoch of the T = 1 students of the no-LS and the LS teacher");
        }
        if (binary != null) {
            figure(prefix + "-binary-curves", Figures.curves(t, List.of(binary.plain(), binary.ls()), List.of(
                    Figures.Curve.TRAIN_LOSS, Figures.Curve.TEST_TOP1, Figures.Curve.FLIP_RATIO)), "C5: KD training"
                    + " loss, held-out top-1 and flip ratio per epoch of the binary T = 1 students of the no-LS and"
                    + " the LS teacher (the flip ratio starts with the step that binarises the weights)");
        }
        if (t.translation()) {
            List<String> students = new ArrayList<>(t.aloneArms());
            t.pairs().forEach(pair -> students.addAll(List.of(pair.plain(), pair.ls())));
            figure(prefix + "-translation-scores", Figures.translationScores(t), "C5: held-out BLEU and chrF of"
                    + " every arm");
            figure(prefix + "-translation-curves", Figures.curves(t, students, List.of(Figures.Curve.TRAIN_LOSS,
                    Figures.Curve.VALID_NLL)), "C5: training loss and validation NLL per token per epoch of the"
                    + " students (alone, and of the no-LS and the LS teacher)");
        }
        figure(prefix + "-temperature", Figures.temperature(t), "C7: student top-1 against temperature for both "
                + "teachers, and the teachers' soft-label diffusion (mean normalised entropy of the non-target "
                + "distribution at T)");
        return out;
    }

    /** The scores of the untranslated test sources, which translation runs record as a floor. */
    private void copyBaseline(TaskRuns t) {
        t.armNames().stream().flatMap(arm -> t.runs(arm).values().stream()).filter(r -> r.has("copy_bleu"))
                .findFirst().ifPresent(r -> md.append(String.format(Locale.ROOT, "Copying the untranslated source "
                        + "scores BLEU %.2f, chrF %.2f on this test split: the floor a translation must clear.%n%n",
                        r.metric("copy_bleu"), r.metric("copy_chrf"))));
    }

    /** Table 1: teachers without and with LS. */
    private List<Map<String, Object>> table1(TaskRuns t) {
        md.append("**Table 1** (teachers; cf. the paper's Table 1)\n\n");
        List<Measure> measures = t.translation()
                ? List.of(Measure.BLEU, Measure.CHRF, Measure.NLL_PER_TOKEN, Measure.TOKEN_ACCURACY)
                : List.of(Measure.TOP1, Measure.STABILITY, Measure.TRAIN_STABILITY, Measure.ECE, Measure.NLL);
        List<String> header = new ArrayList<>(List.of("teacher", "LS", "seeds"));
        measures.forEach(m -> header.add(m.heading()));
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String arm : t.armNames()) {
            if (!t.isTeacher(arm)) {
                continue;
            }
            List<String> line = new ArrayList<>(List.of(arm, t.smoothed(arm) ? "yes" : "no",
                    String.valueOf(t.runs(arm).size())));
            addMeasured(t, arm, measures, line, rows, out);
        }
        md.append(Markdown.table(header, rows)).append("\n");
        if (t.translation()) {
            copyBaseline(t);
        }
        return out;
    }

    /** Table 2: each teacher's score and its students' score per distiller (top-1, or BLEU for translation). */
    private List<Map<String, Object>> table2(TaskRuns t) {
        List<TaskRuns.Pair> pairs = t.pairs();
        if (pairs.isEmpty()) {
            return List.of();
        }
        Measure score = t.score();
        md.append("**Table 2** (student ").append(score.heading()).append(" per teacher; cf. the paper's Table 2)\n\n");
        List<String> header = new ArrayList<>(List.of("teacher", "teacher " + score.heading()));
        pairs.forEach(p -> header.add("student, " + p.label()));
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (boolean ls : new boolean[] {false, true}) {
            String teacher = t.teacher(ls);
            if (teacher == null) {
                continue;
            }
            Stat tt = t.stat(teacher, score.figure());
            List<String> line = new ArrayList<>(List.of(teacher + (ls ? " (LS)" : " (no LS)"), score.format(tt)));
            Map<String, Stat> values = new LinkedHashMap<>();
            values.put("teacher_" + score.key(), tt);
            for (TaskRuns.Pair p : pairs) {
                String student = ls ? p.ls() : p.plain();
                Stat s = t.stat(student, score.figure());
                line.add(score.format(s));
                values.put(student, s);
            }
            rows.add(line);
            out.add(row(teacher, values));
        }
        md.append(Markdown.table(header, rows));
        for (String alone : t.aloneArms()) {
            Stat s = t.stat(alone, score.figure());
            md.append("\nStudent trained alone (`").append(alone).append("`): ").append(score.heading()).append(' ')
                    .append(score.format(s)).append(".\n");
            out.add(row(alone, Map.of(score.key(), s)));
        }
        md.append("\n");
        return out;
    }

    /**
     * Every arm's final figures: a translation task's scores, or a classifier's, with the flip
     * ratio and size in bits when some arm of the task is a binary network.
     */
    private List<Map<String, Object>> allArms(TaskRuns t) {
        md.append("<details><summary>All arms</summary>\n\n");
        List<Measure> measures = new ArrayList<>(t.translation()
                ? List.of(Measure.BLEU, Measure.CHRF, Measure.NLL_PER_TOKEN, Measure.TOKEN_ACCURACY, Measure.TRAIN_LOSS)
                : List.of(Measure.TOP1, Measure.NLL, Measure.ECE, Measure.STABILITY, Measure.AGREEMENT,
                        Measure.TRAIN_LOSS));
        if (t.armNames().stream().anyMatch(t::binary)) {
            measures.addAll(List.of(Measure.FLIP_RATIO, Measure.SIZE_BITS));
        }
        List<String> header = new ArrayList<>(List.of("arm", "teacher", "seeds"));
        measures.forEach(m -> header.add(m.heading()));
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String arm : t.armNames()) {
            List<String> line = new ArrayList<>(List.of(arm, t.arm(arm).path("teacher").asText("-"),
                    String.valueOf(t.runs(arm).size())));
            addMeasured(t, arm, measures, line, rows, out);
        }
        md.append(Markdown.table(header, rows)).append("\n</details>\n\n");
        return out;
    }

    /** Completes an arm's table line with each measure's mean ± std, and adds its report.json row. */
    private static void addMeasured(TaskRuns t, String arm, List<Measure> measures, List<String> line,
                                    List<List<String>> rows, List<Map<String, Object>> out) {
        Map<String, Stat> values = new LinkedHashMap<>();
        for (Measure m : measures) {
            Stat s = t.stat(arm, m.figure());
            line.add(m.format(s));
            values.put(m.key(), s);
        }
        rows.add(line);
        out.add(row(arm, values));
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
