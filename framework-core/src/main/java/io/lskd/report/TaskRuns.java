package io.lskd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one task of a suite (its main task or a variant), with the roles the claims need
 * read from the arms' specs rather than from their names:
 * <ul>
 *   <li>a teacher arm uses label smoothing when its smoother is not {@code none} and its
 *       {@code alpha}, if it has one, is above 0;</li>
 *   <li>two distilled students form a pair when their model, smoother and distiller are equal
 *       and one's teacher uses label smoothing and the other's does not;</li>
 *   <li>a pair's temperature is its distiller's {@code temperature} (1 when it has none);</li>
 *   <li>a pair's students are binary networks when a finished run of an arm with their model
 *       reports {@code binary_activation_share} above 0 (the share of activations that are
 *       binarised, which a binary student's result adds);</li>
 *   <li>the task is a translation task when its finished runs report {@code bleu}: their held-out
 *       score is BLEU, not top-1.</li>
 * </ul>
 * The kind of task and student is read from what the runs report, so that the report needs no
 * knowledge of the task modules.
 */
final class TaskRuns {

    final String variant;
    final JsonNode task;
    private final JsonNode arms;
    private final Map<String, Map<Integer, RunFolder>> byArm = new LinkedHashMap<>();

    /** Students of the LS and the non-LS teacher with otherwise equal recipes. */
    record Pair(String label, double temperature, String plain, String ls) {
    }

    TaskRuns(String variant, JsonNode task, JsonNode arms, List<RunFolder> runs) {
        this.variant = variant;
        this.task = task;
        this.arms = arms;
        for (JsonNode arm : arms) {
            byArm.put(arm.get("name").asText(), new TreeMap<>());
        }
        for (RunFolder r : runs) {
            byArm.computeIfAbsent(r.arm(), k -> new TreeMap<>()).put(r.seed(), r);
        }
    }

    /**
     * "fashion-mnist" for the main task; "lt-if10 (fashion-mnist)" for a variant, just "cifar-10"
     * for a variant named after its data set; a corpus for translation.
     */
    String label() {
        String dataset = task.has("dataset") ? task.get("dataset").asText()
                : task.has("corpus") ? task.get("corpus").asText() : task.get("type").asText();
        return variant == null || variant.equals(dataset) ? dataset : variant + " (" + dataset + ")";
    }

    /** A file-name-safe key. */
    String key() {
        return variant == null ? "main" : variant;
    }

    RunFolder run(String arm, int seed) {
        Map<Integer, RunFolder> runs = byArm.get(arm);
        return runs == null ? null : runs.get(seed);
    }

    Map<Integer, RunFolder> runs(String arm) {
        return byArm.getOrDefault(arm, Map.of());
    }

    List<String> armNames() {
        return new ArrayList<>(byArm.keySet());
    }

    /** A figure of an arm per seed. */
    Map<Integer, Double> values(String arm, ToDoubleFunction<RunFolder> figure) {
        Map<Integer, Double> out = new TreeMap<>();
        runs(arm).forEach((seed, run) -> out.put(seed, figure.applyAsDouble(run)));
        return out;
    }

    Stat stat(String arm, ToDoubleFunction<RunFolder> figure) {
        return Stat.of(new ArrayList<>(values(arm, figure).values()));
    }

    JsonNode arm(String name) {
        for (JsonNode arm : arms) {
            if (arm.get("name").asText().equals(name)) {
                return arm;
            }
        }
        return null;
    }

    boolean isTeacher(String name) {
        JsonNode arm = arm(name);
        return arm != null && "teacher".equalsIgnoreCase(arm.path("role").asText());
    }

    boolean smoothed(String name) {
        JsonNode smoother = arm(name).path("smoother");
        if (smoother.isMissingNode() || "none".equals(smoother.path("type").asText("none"))) {
            return false;
        }
        return !smoother.has("alpha") || smoother.get("alpha").asDouble() > 0;
    }

    /** The first teacher arm with (ls) or without label smoothing, or null. */
    String teacher(boolean ls) {
        return armNames().stream().filter(a -> isTeacher(a) && arm(a).path("teacher").isMissingNode()
                && smoothed(a) == ls).findFirst().orElse(null);
    }

    /** The first student arm trained without a teacher, or null. */
    String alone() {
        List<String> alone = aloneArms();
        return alone.isEmpty() ? null : alone.get(0);
    }

    /** Every student arm trained without a teacher, in suite order. */
    List<String> aloneArms() {
        return armNames().stream().filter(a -> !isTeacher(a) && !hasTeacher(a)).toList();
    }

    /** Whether a finished run of this task reports BLEU, which makes it a translation task. */
    boolean translation() {
        return byArm.values().stream().flatMap(runs -> runs.values().stream()).anyMatch(r -> r.has("bleu"));
    }

    /** The held-out score that ranks this task's models: BLEU for translation, else top-1. */
    Measure score() {
        return translation() ? Measure.BLEU : Measure.TOP1;
    }

    /**
     * Whether the arm is a binary network: a finished run of an arm with the same model reports
     * binary activations. Reading it from every arm of the model lets a pair be recognised while
     * its own runs are still missing.
     */
    boolean binary(String name) {
        JsonNode model = arm(name).path("model");
        return armNames().stream().filter(a -> arm(a).path("model").equals(model))
                .flatMap(a -> runs(a).values().stream()).anyMatch(r -> r.metric("binary_activation_share") > 0);
    }

    private boolean hasTeacher(String name) {
        JsonNode t = arm(name).path("teacher");
        return !t.isMissingNode() && !t.isNull();
    }

    /** Every LS / non-LS student pair, by temperature then label. */
    List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (String ls : armNames()) {
            if (!hasTeacher(ls) || !smoothed(arm(ls).get("teacher").asText())) {
                continue;
            }
            for (String plain : armNames()) {
                if (hasTeacher(plain) && !smoothed(arm(plain).get("teacher").asText()) && sameRecipe(ls, plain)) {
                    JsonNode distiller = arm(ls).path("distiller");
                    double t = distiller.path("temperature").asDouble(1);
                    pairs.add(new Pair(distillerLabel(distiller), t, plain, ls));
                    break;
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::temperature).thenComparing(Pair::label));
        return pairs;
    }

    /** Pairs whose students are binary networks (claim C5); none in a translation task. */
    List<Pair> binaryPairs() {
        return translation() ? List.of() : pairs().stream().filter(p -> binary(p.ls())).toList();
    }

    /** Pairs of real-valued classifiers (claims C2, C3, C6, C7): neither binary nor translation students. */
    List<Pair> realValuedPairs() {
        return translation() ? List.of() : pairs().stream().filter(p -> !binary(p.ls())).toList();
    }

    /** The real-valued pair at temperature 1 with the plainest loss, or null. */
    Pair pairAtT1() {
        return atT1(realValuedPairs());
    }

    /** Of {@code pairs}, the one at temperature 1 with the plainest loss: soft-target first, else any; or null. */
    static Pair atT1(List<Pair> pairs) {
        return pairs.stream().filter(p -> p.temperature() == 1)
                .min(Comparator.comparing(p -> p.label().startsWith("soft-target") ? 0 : 1)).orElse(null);
    }

    private boolean sameRecipe(String a, String b) {
        JsonNode x = arm(a);
        JsonNode y = arm(b);
        return x.path("model").equals(y.path("model")) && x.path("smoother").equals(y.path("smoother"))
                && x.path("distiller").equals(y.path("distiller"));
    }

    static String distillerLabel(JsonNode distiller) {
        StringBuilder s = new StringBuilder(distiller.path("type").asText("?"));
        distiller.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("type")) {
                s.append(' ').append(e.getKey().equals("temperature") ? "T" : e.getKey()).append('=')
                        .append(e.getValue().isNumber() ? String.format(Locale.ROOT, "%s", trim(e.getValue().asDouble()))
                                : e.getValue().asText());
            }
        });
        return s.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
