package io.lskd.distill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.graph.GraphDistiller;
import io.lskd.smooth.NoSmoother;
import io.lskd.smooth.TfKdRegSmoother;
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
    record SmootherCase(Smoother smoother, double[][] targets) {
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
    /** Online label smoothing: targets before an epoch, the batches it observed, S and targets after. */
    final double onlineAlpha;
    final List<double[][]> onlineObserved = new ArrayList<>();
    final double[][] onlineTargetsBefore;
    final double[][] onlineSoft;
    final double[][] onlineTargetsAfter;

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
            Smoother smoother = s.get("smoother").asText().equals(TfKdRegSmoother.NAME)
                    ? new TfKdRegSmoother(s.get("alpha").asDouble(), s.get("temperature").asDouble(),
                            s.get("correctProbability").asDouble())
                    : smoother(s.get("smoother").asText(), s.get("alpha").asDouble());
            smoothers.add(new SmootherCase(smoother, matrix(s.get("targets"))));
        }
        for (JsonNode c : root.get("distillers")) {
            // the first cases carry their parameters beside the name, later ones under "params"
            GraphDistiller distiller = distiller(c.get("distiller").asText(), c.has("params") ? c.get("params") : c);
            Smoother smoother = smoother(c.get("smoother").asText(), c.get("alpha").asDouble());
            Map<String, Double> terms = new LinkedHashMap<>();
            c.get("terms").fields().forEachRemaining(e -> terms.put(e.getKey(), e.getValue().asDouble()));
            String label = distiller + " on " + smoother + " targets";
            cases.add(new Case(label, distiller, smoother.targets(labels, numClasses), c.get("value").asDouble(), terms,
                    matrix(c.get("gradient"))));
        }
        JsonNode online = root.get("online");
        onlineAlpha = online.get("alpha").asDouble();
        online.get("observed").forEach(m -> onlineObserved.add(matrix(m)));
        onlineTargetsBefore = matrix(online.get("targetsBefore"));
        onlineSoft = matrix(online.get("soft"));
        onlineTargetsAfter = matrix(online.get("targetsAfter"));
    }

    private static GraphDistiller distiller(String name, JsonNode p) {
        return switch (name) {
            case CrossEntropyDistiller.NAME -> new CrossEntropyDistiller();
            case SoftTargetDistiller.NAME -> new SoftTargetDistiller(p.get("temperature").asDouble());
            case HintonDistiller.NAME -> new HintonDistiller(p.get("temperature").asDouble(), p.get("lambda").asDouble());
            case DkdDistiller.NAME -> new DkdDistiller(p.get("temperature").asDouble(), p.get("alpha").asDouble(),
                    p.get("beta").asDouble(), p.get("ceWeight").asDouble());
            case DistDistiller.NAME -> new DistDistiller(p.get("temperature").asDouble(), p.get("beta").asDouble(),
                    p.get("gamma").asDouble(), p.get("ceWeight").asDouble());
            case MaxSupPenalty.NAME -> new MaxSupPenalty(p.get("lambda").asDouble());
            case ConfidencePenalty.NAME -> new ConfidencePenalty(p.get("beta").asDouble());
            case TfKdSelfDistiller.NAME -> new TfKdSelfDistiller(p.get("temperature").asDouble(), p.get("alpha").asDouble());
            case WeightedSumDistiller.NAME -> {
                List<WeightedSumDistiller.Entry> entries = new ArrayList<>();
                for (JsonNode e : p.get("entries")) {
                    entries.add(new WeightedSumDistiller.Entry(e.get("name").asText(), e.get("weight").asDouble(),
                            distiller(e.get("distiller").asText(), e.get("params"))));
                }
                yield new WeightedSumDistiller(entries);
            }
            default -> throw new IllegalStateException("unknown distiller in losses.json: " + name);
        };
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
