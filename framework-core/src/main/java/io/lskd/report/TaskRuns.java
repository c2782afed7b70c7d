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
 *   <li>a pair's temperature is its distiller's {@code temperature} (1 when it has none).</li>
 * </ul>
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

    /** "fashion-mnist" for the main task; "lt-if10 (fashion-mnist)" for a variant. */
    String label() {
        String dataset = task.has("dataset") ? task.get("dataset").asText() : task.get("type").asText();
        return variant == null ? dataset : variant + " (" + dataset + ")";
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
        return armNames().stream().filter(a -> !isTeacher(a) && !hasTeacher(a)).findFirst().orElse(null);
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

    /** The pair at temperature 1 with the plainest loss: soft-target first, else any. */
    Pair pairAtT1() {
        return pairs().stream().filter(p -> p.temperature() == 1)
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
