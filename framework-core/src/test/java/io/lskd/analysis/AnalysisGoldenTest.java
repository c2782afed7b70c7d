package io.lskd.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analyses against values computed independently with numpy (golden/analysis_golden.py). */
class AnalysisGoldenTest {

    private static final double TOL = 1e-12;
    private static JsonNode golden;
    private static double[][] templates;
    private static double[][] features;
    private static int[] labels;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AnalysisGoldenTest.class.getResourceAsStream("/golden/analysis.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        templates = matrix(golden.get("templates"));
        features = matrix(golden.get("features"));
        labels = new ObjectMapper().convertValue(golden.get("labels"), int[].class);
    }

    @Test
    void templatePlaneBasisAndProjection() {
        JsonNode g = golden.get("plane");
        TemplatePlane plane = TemplatePlane.through(templates[g.get("a").asInt()], templates[g.get("b").asInt()],
                templates[g.get("c").asInt()]);
        assertArrayEquals(vector(g.get("u1")), plane.basis()[0], TOL);
        assertArrayEquals(vector(g.get("u2")), plane.basis()[1], TOL);
        double[][] projected = matrix(g.get("projected"));
        for (int i = 0; i < features.length; i++) {
            assertArrayEquals(projected[i], plane.project(features[i]), TOL);
        }
    }

    @Test
    void clusterGeometry() {
        JsonNode g = golden.get("clusters");
        TemplatePlane plane = TemplatePlane.through(templates[2], templates[0], templates[3]);
        ClusterGeometry geometry = new ClusterGeometry(3);
        for (int i = 0; i < features.length; i++) {
            if (labels[i] < 3) {
                geometry.add(labels[i], plane.project(features[i]));
            }
        }
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(vector(g.get("centroids").get(k)), geometry.centroid(k), TOL);
            assertEquals(g.get("radii").get(k).asDouble(), geometry.radius(k), 1e-10);
        }
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        for (int[] p : pairs) {
            String key = "" + p[0] + p[1];
            assertEquals(g.get("distances").get(key).asDouble(), geometry.distance(p[0], p[1]), TOL);
            assertEquals(g.get("separations").get(key).asDouble(), geometry.separation(p[0], p[1]), 1e-10);
        }
    }

    @Test
    void classMeanSoftmax() {
        ClassMeanSoftmax means = new ClassMeanSoftmax(4);
        means.add(io.lskd.math.Softmax.probabilities(logits(), 1), labels);
        double[][] expected = matrix(golden.get("classMeanSoftmax"));
        double[][] actual = means.result();
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(expected[c], actual[c], TOL);
        }
    }

    @Test
    void softLabelDiffusion() {
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) () -> golden.get("diffusion").fields()) {
            SoftLabelDiffusion d = new SoftLabelDiffusion(Double.parseDouble(e.getKey()));
            d.add(logits(), labels);
            assertEquals(e.getValue().get("nonTargetMass").asDouble(), d.nonTargetMass(), TOL, e.getKey());
            assertEquals(e.getValue().get("diffusion").asDouble(), d.diffusion(), TOL, e.getKey());
            assertEquals(0, d.skipped());
        }
    }

    /** logits = (x, 1) . templates^T, as the golden script computes them. */
    private static double[][] logits() {
        double[][] z = new double[features.length][templates.length];
        for (int i = 0; i < features.length; i++) {
            for (int c = 0; c < templates.length; c++) {
                double s = templates[c][features[i].length];
                for (int j = 0; j < features[i].length; j++) {
                    s += features[i][j] * templates[c][j];
                }
                z[i][c] = s;
            }
        }
        return z;
    }

    private static double[][] matrix(JsonNode node) {
        return new ObjectMapper().convertValue(node, double[][].class);
    }

    private static double[] vector(JsonNode node) {
        return new ObjectMapper().convertValue(node, double[].class);
    }
}
