package io.lskd.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.lskd.report.Comparison.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The paper's claims C1-C7 (PAPER.md) as paired comparisons on a suite's runs, each judged by
 * {@link Comparison}'s rule. A claim's headline verdict combines its parts: reproduced when
 * every part is, not reproduced when any part is, otherwise the weakest remaining part's
 * verdict (not run, too few seeds, within noise, in that order). Context lines carry no verdict: no
 * claim predicts their direction.
 */
final class Claims {

    /** One claim on one task: its tested parts and context lines. */
    record Finding(String claim, String statement, String task, List<Part> parts, List<String> context) {
        Verdict verdict() {
            if (parts.isEmpty()) {
                return Verdict.NOT_RUN;
            }
            if (parts.stream().allMatch(p -> p.comparison().verdict() == Verdict.REPRODUCED)) {
                return Verdict.REPRODUCED;
            }
            if (parts.stream().anyMatch(p -> p.comparison().verdict() == Verdict.NOT_REPRODUCED)) {
                return Verdict.NOT_REPRODUCED;
            }
            for (Verdict weak : new Verdict[] {Verdict.NOT_RUN, Verdict.TOO_FEW_SEEDS}) {
                if (parts.stream().anyMatch(p -> p.comparison().verdict() == weak)) {
                    return weak;
                }
            }
            return Verdict.WITHIN_NOISE;
        }
    }

    /** A tested part: the comparison and how to print its figure. */
    record Part(Comparison comparison, double scale, int decimals) {
        String describe() {
            return comparison.describe(scale, decimals);
        }

        /** Without a verdict: for context lines, whose direction no claim predicts. */
        String measure() {
            return comparison.measure(scale, decimals);
        }
    }

    static final String C1 = "LS raises the teacher's accuracy a little and lowers its 1-S (erases information).";
    static final String C2 = "A student distilled (soft targets, T = 1) from the LS teacher is as good as or better "
            + "than one from the no-LS teacher.";
    static final String C3 = "LS teachers give a higher KD training loss, yet equal or better held-out accuracy.";
    static final String C4 = "The erasure mostly hits dissimilar classes; the two similar classes' clusters move apart.";
    static final String C5 = "Binary-network and NMT students behave like C2.";
    static final String C6 = "LS teachers lose on long-tailed data and with more classes.";
    static final String C7 = "At higher temperature the LS teacher's student gets worse relative to the no-LS teacher's.";

    private Claims() {
    }

    /**
     * The findings of a suite's tasks. Binary-network student pairs and translation tasks are C5's
     * (the paper's Sec. 5 tests them like C2); C2, C3, C6 and C7 read the real-valued classifier
     * pairs only, and C1 is not defined for translation (its runs report no 1-S).
     */
    static List<Finding> evaluate(List<TaskRuns> tasks) {
        List<Finding> out = new ArrayList<>();
        for (TaskRuns t : tasks) {
            if (!longTailOrSubset(t)) {
                if (!t.translation()) {
                    c1(t, out);
                }
                c2c3(t, out);
                c4(t, out);
                c7(t, out);
            }
        }
        c6(tasks, out);
        int before = out.size();
        for (TaskRuns t : tasks) {
            if (longTailOrSubset(t)) {
                continue;
            }
            if (t.translation()) {
                c5Translation(t, out);
            } else {
                c5Binary(t, out);
            }
        }
        if (out.size() == before) {
            out.add(new Finding("C5", C5, "-", List.of(), List.of("no binary-network student pair and no translation"
                    + " task in this suite")));
        }
        return out;
    }

    /** Whether a task is a long-tailed or class-subset variant (C6), read from its task spec. */
    static boolean longTailOrSubset(TaskRuns t) {
        return t.task.has("imbalanceFactor") || t.task.has("classes");
    }

    private static void c1(TaskRuns t, List<Finding> out) {
        String plain = t.teacher(false);
        String ls = t.teacher(true);
        if (plain == null || ls == null) {
            return;
        }
        List<Part> parts = List.of(
                part("teacher top-1 %", t, ls, plain, r -> r.metric("top1"), +1, 100, 2),
                part("teacher 1-S (held-out)", t, ls, plain, r -> r.metric("stability"), -1, 1, 4));
        List<String> context = List.of(
                part("teacher 1-S (training split)", t, ls, plain, r -> r.metric("train_stability"), -1, 1, 4).measure(),
                part("teacher ECE", t, ls, plain, r -> r.metric("ece"), +1, 1, 4).measure());
        out.add(new Finding("C1", C1, t.label(), parts, context));
    }

    private static void c2c3(TaskRuns t, List<Finding> out) {
        TaskRuns.Pair p = t.pairAtT1();
        if (p == null) {
            return;
        }
        Part accuracy = part("student top-1 % (" + p.label() + ")", t, p.ls(), p.plain(), r -> r.metric("top1"), +1,
                100, 2);
        List<String> context = new ArrayList<>();
        String alone = t.alone();
        if (alone != null) {
            context.add("student trained alone (" + alone + "): top-1 % " + t.stat(alone, r -> r.metric("top1"))
                    .format(100, 2));
        }
        out.add(new Finding("C2", C2, t.label(), List.of(accuracy), context));
        Part loss = part("final-epoch KD training loss (" + p.label() + ")", t, p.ls(), p.plain(),
                r -> r.lastEpoch("train_loss"), +1, 1, 4);
        out.add(new Finding("C3", C3, t.label(), List.of(loss, accuracy), List.of()));
    }

    private static void c4(TaskRuns t, List<Finding> out) {
        String plain = t.teacher(false);
        String ls = t.teacher(true);
        if (plain == null || ls == null || !hasProjection(t, plain)) {
            return;
        }
        JsonNode classes = t.runs(plain).values().iterator().next().analysis().get("projection").get("classes");
        String pair = classes.get(0).asText() + "/" + classes.get(1).asText();
        List<Part> parts = List.of(part("separation of the similar pair " + pair + " (held-out; centroid distance / "
                + "mean radius)", t, ls, plain, r -> projection(r, "test", "separations", "ab"), +1, 1, 3));
        List<String> context = new ArrayList<>();
        context.add(part("same on the training split", t, ls, plain, r -> projection(r, "train", "separations", "ab"),
                +1, 1, 3).measure());
        context.add(part("raw centroid distance D_ab (held-out)", t, ls, plain,
                r -> projection(r, "test", "distances", "ab"), +1, 1, 3).measure());
        for (String other : new String[] {"ac", "bc"}) {
            String name = classes.get(other.charAt(0) - 'a').asText() + "/" + classes.get(2).asText();
            context.add(part("separation of the dissimilar pair " + name + " (held-out)", t, ls, plain,
                    r -> projection(r, "test", "separations", other), +1, 1, 3).measure());
        }
        out.add(new Finding("C4", C4, t.label(), parts, context));
    }

    /**
     * C5 on binary students: per binary pair at T = 1, the student top-1 of the LS teacher's
     * student against the no-LS teacher's (+); context: the students trained alone, the
     * teachers, the final flip ratios, binary pairs at other temperatures.
     */
    private static void c5Binary(TaskRuns t, List<Finding> out) {
        List<TaskRuns.Pair> pairs = t.binaryPairs();
        if (pairs.isEmpty()) {
            return;
        }
        List<Part> parts = new ArrayList<>();
        List<String> context = new ArrayList<>();
        for (TaskRuns.Pair p : pairs) {
            Part top1 = part("binary student top-1 % (" + p.label() + ")", t, p.ls(), p.plain(), r -> r.metric("top1"),
                    +1, 100, 2);
            if (p.temperature() == 1) {
                parts.add(top1);
            } else {
                context.add(top1.measure());
            }
        }
        alone(t, Measure.TOP1, context);
        teachers(t, Measure.TOP1, context);
        for (TaskRuns.Pair p : pairs) {
            context.add(part("final-epoch flip ratio (" + p.label() + ")", t, p.ls(), p.plain(),
                    r -> r.metric("flip_ratio"), +1, 1, 5).measure());
        }
        out.add(new Finding("C5", C5, t.label(), parts, context));
    }

    /**
     * C5 on translation: per pair at T = 1 (word-level and sequence-level KD), the student BLEU of
     * the LS teacher's student against the no-LS teacher's (+); context: chrF of the same pairs,
     * the students trained alone, the teachers, pairs at other temperatures.
     */
    private static void c5Translation(TaskRuns t, List<Finding> out) {
        List<TaskRuns.Pair> pairs = t.pairs();
        List<Part> parts = new ArrayList<>();
        List<String> context = new ArrayList<>();
        for (TaskRuns.Pair p : pairs) {
            Part bleu = part("student BLEU (" + p.label() + ")", t, p.ls(), p.plain(), r -> r.metric("bleu"), +1, 1,
                    2);
            if (p.temperature() == 1) {
                parts.add(bleu);
            } else {
                context.add(bleu.measure());
            }
        }
        for (TaskRuns.Pair p : pairs) {
            context.add(part("student chrF (" + p.label() + ")", t, p.ls(), p.plain(), r -> r.metric("chrf"), +1, 1, 2)
                    .measure());
        }
        alone(t, Measure.BLEU, context);
        teachers(t, Measure.BLEU, context);
        teachers(t, Measure.CHRF, context);
        context.add("C1 is not tested on this task: translation runs report no 1-S (the stability metric groups"
                + " predictions by a sample's class), so only the teachers' scores above are shown");
        out.add(new Finding("C5", C5, t.label(), parts, context));
    }

    /** Context: each student trained without a teacher, in the task's score. */
    private static void alone(TaskRuns t, Measure score, List<String> context) {
        for (String alone : t.aloneArms()) {
            String kind = t.translation() ? "" : t.binary(alone) ? ", binary network" : ", real-valued";
            context.add("student trained alone (" + alone + kind + "): " + score.heading() + " "
                    + score.format(t.stat(alone, score.figure())));
        }
    }

    /** Context: the LS teacher against the no-LS teacher in one measure. */
    private static void teachers(TaskRuns t, Measure m, List<String> context) {
        String plain = t.teacher(false);
        String ls = t.teacher(true);
        if (plain != null && ls != null) {
            context.add(part("teacher " + m.heading(), t, ls, plain, m.figure(), +1, m.scale(), m.decimals())
                    .measure());
        }
    }

    private static void c6(List<TaskRuns> tasks, List<Finding> out) {
        for (TaskRuns t : tasks) {
            if (!longTailOrSubset(t) || t.pairAtT1() == null) {
                continue;
            }
            TaskRuns.Pair p = t.pairAtT1();
            List<String> context = new ArrayList<>();
            for (TaskRuns base : tasks) {
                if (!longTailOrSubset(base) && base.pairAtT1() != null) {
                    context.add("balanced " + base.label() + ": " + part("student top-1 %", base, base.pairAtT1().ls(),
                            base.pairAtT1().plain(), r -> r.metric("top1"), -1, 100, 2).measure());
                }
            }
            out.add(new Finding("C6", C6, t.label(), List.of(part("student top-1 % (" + p.label() + ")", t, p.ls(),
                    p.plain(), r -> r.metric("top1"), -1, 100, 2)), context));
        }
    }

    private static void c7(TaskRuns t, List<Finding> out) {
        List<TaskRuns.Pair> pairs = t.realValuedPairs();
        TaskRuns.Pair low = t.pairAtT1();
        TaskRuns.Pair high = pairs.isEmpty() ? null : pairs.get(pairs.size() - 1);
        if (low == null || high == null || high.temperature() <= low.temperature()) {
            return;
        }
        Map<Integer, Double> gapHigh = gap(t, high);
        Map<Integer, Double> gapLow = gap(t, low);
        Comparison change = new Comparison("LS-minus-no-LS student top-1 % at T = " + fmt(high.temperature())
                + " vs at T = 1", "T=" + fmt(high.temperature()), "T=1", gapHigh, gapLow, -1);
        List<String> context = new ArrayList<>();
        for (TaskRuns.Pair p : pairs) {
            context.add(part("T = " + fmt(p.temperature()) + ", " + p.label() + ": student top-1 %", t, p.ls(), p.plain(),
                    r -> r.metric("top1"), +1, 100, 2).measure());
        }
        out.add(new Finding("C7", C7, t.label(), List.of(new Part(change, 100, 2)), context));
    }

    private static Map<Integer, Double> gap(TaskRuns t, TaskRuns.Pair p) {
        Map<Integer, Double> out = new TreeMap<>();
        Map<Integer, Double> ls = t.values(p.ls(), r -> r.metric("top1"));
        Map<Integer, Double> plain = t.values(p.plain(), r -> r.metric("top1"));
        ls.forEach((seed, v) -> {
            if (plain.containsKey(seed)) {
                out.put(seed, v - plain.get(seed));
            }
        });
        return out;
    }

    private static Part part(String what, TaskRuns t, String a, String b, ToDoubleFunction<RunFolder> figure,
                             int sign, double scale, int decimals) {
        return new Part(new Comparison(what, a, b, t.values(a, figure), t.values(b, figure), sign), scale, decimals);
    }

    private static boolean hasProjection(TaskRuns t, String arm) {
        return !t.runs(arm).isEmpty() && t.runs(arm).values().stream().allMatch(r -> r.analysis() != null
                && r.analysis().path("projection").isObject());
    }

    private static double projection(RunFolder r, String split, String kind, String pair) {
        return r.analysis().get("projection").get(split).get(kind).get(pair).asDouble();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
