package io.lskd.distill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.graph.GraphDistiller;
import io.lskd.smooth.NoSmoother;
import io.lskd.smooth.UniformOthersSmoother;
import io.lskd.smooth.UniformSmoother;
import io.lskd.spi.Smoother;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixture {@code golden/losses.json}, written by {@code golden/losses_golden.py} (an
 * independent numpy implementation): fixed logits and labels, and for each smoother and
 * distiller configuration the expected targets, value, terms and gradient.
 */
final class GoldenLosses {

    /** One distiller configuration and what the numpy reference computed for it. */
    record Case(String label, GraphDistiller distiller, double[][] targets, double value,
                Map<String, Double> terms, double[][] gradient) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** One smoother configuration and its targets for {@link #labels}. */
    record SmootherCase(Smoother smoother, double alpha, double[][] targets) {
        @Override
        public String toString() {
            return smoother.toString();
        }
    }

    static final GoldenLosses INSTANCE = load();

    final int numClasses;
    final int[] labels;
    final double[][] student;
    final double[][] teacher;
    final List<SmootherCase> smoothers = new ArrayList<>();
    final List<Case> cases = new ArrayList<>();

    private GoldenLosses(JsonNode root) {
        numClasses = root.get("numClasses").asInt();
        JsonNode labelNode = root.get("labels");
        labels = new int[labelNode.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labelNode.get(i).asInt();
        }
        student = matrix(root.get("student"));
        teacher = matrix(root.get("teacher"));
        for (JsonNode s : root.get("smoothers")) {
            double alpha = s.get("alpha").asDouble();
            smoothers.add(new SmootherCase(smoother(s.get("smoother").asText(), alpha), alpha, matrix(s.get("targets"))));
        }
        for (JsonNode c : root.get("distillers")) {
            String name = c.get("distiller").asText();
            GraphDistiller distiller = switch (name) {
                case CrossEntropyDistiller.NAME -> new CrossEntropyDistiller();
                case SoftTargetDistiller.NAME -> new SoftTargetDistiller(c.get("temperature").asDouble());
                case HintonDistiller.NAME -> new HintonDistiller(c.get("temperature").asDouble(), c.get("lambda").asDouble());
                default -> throw new IllegalStateException("unknown distiller in losses.json: " + name);
            };
            Smoother smoother = smoother(c.get("smoother").asText(), c.get("alpha").asDouble());
            Map<String, Double> terms = new LinkedHashMap<>();
            c.get("terms").fields().forEachRemaining(e -> terms.put(e.getKey(), e.getValue().asDouble()));
            String label = distiller + " on " + smoother + " targets";
            cases.add(new Case(label, distiller, smoother.targets(labels, numClasses), c.get("value").asDouble(), terms,
                    matrix(c.get("gradient"))));
        }
    }

    private static Smoother smoother(String name, double alpha) {
        return switch (name) {
            case NoSmoother.NAME -> new NoSmoother();
            case UniformSmoother.NAME -> new UniformSmoother(alpha);
            case UniformOthersSmoother.NAME -> new UniformOthersSmoother(alpha);
            default -> throw new IllegalStateException("unknown smoother in losses.json: " + name);
        };
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = rows.get(i);
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = row.get(j).asDouble();
            }
        }
        return m;
    }

    private static GoldenLosses load() {
        try (InputStream in = GoldenLosses.class.getResourceAsStream("/golden/losses.json")) {
            if (in == null) {
                throw new IllegalStateException("golden/losses.json is not on the test classpath");
            }
            return new GoldenLosses(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
