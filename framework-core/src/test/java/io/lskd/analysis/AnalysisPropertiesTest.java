package io.lskd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.spec.AnalysisSpec;
import io.lskd.spi.ModelOutputs;
import io.lskd.spi.SplitOutputs;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties of the analyses on random inputs. */
class AnalysisPropertiesTest {

    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void planeBasisIsOrthonormalAndTheFirstCoordinateIsTheScaledLogitGap() {
        for (int trial = 0; trial < 20; trial++) {
            int d = 2 + random.nextInt(10);
            double[][] w = {vector(d + 1), vector(d + 1), vector(d + 1)};
            TemplatePlane plane = TemplatePlane.through(w[0], w[1], w[2]);
            double[][] u = plane.basis();
            assertEquals(1, dot(u[0], u[0]), 1e-12);
            assertEquals(1, dot(u[1], u[1]), 1e-12);
            assertEquals(0, dot(u[0], u[1]), 1e-12);
            double[] x = vector(d);
            double[] lifted = java.util.Arrays.copyOf(x, d + 1);
            lifted[d] = 1;
            // (w_b - w_a) . (x, 1) = z_b - z_a, and u1 is w_b - w_a normalised
            double gap = dot(w[1], lifted) - dot(w[0], lifted);
            double edge = Math.sqrt(dot(minus(w[1], w[0]), minus(w[1], w[0])));
            assertEquals(gap / edge, plane.project(x)[0], 1e-10);
        }
    }

    @Test
    void collinearTemplatesSpanNoPlane() {
        double[] a = {1, 2, 3};
        double[] b = {2, 4, 6};
        double[] c = {3, 6, 9};
        assertThrows(IllegalArgumentException.class, () -> TemplatePlane.through(a, b, c));
        assertThrows(IllegalArgumentException.class, () -> TemplatePlane.through(a, a, c));
    }

    @Test
    void separationIgnoresTranslationAndScale() {
        ClusterGeometry plain = new ClusterGeometry(2);
        ClusterGeometry moved = new ClusterGeometry(2);
        for (int i = 0; i < 50; i++) {
            int k = i % 2;
            double[] q = {random.nextGaussian() + 3 * k, random.nextGaussian()};
            plain.add(k, q);
            moved.add(k, new double[] {5 * q[0] - 7, 5 * q[1] + 2});
        }
        assertEquals(plain.separation(0, 1), moved.separation(0, 1), 1e-9);
        assertEquals(5 * plain.distance(0, 1), moved.distance(0, 1), 1e-9);
        assertEquals(5 * plain.radius(1), moved.radius(1), 1e-9);
    }

    @Test
    void classMeanSoftmaxRowsAreDistributions() {
        ClassMeanSoftmax means = new ClassMeanSoftmax(5);
        double[][] p = new double[40][];
        int[] labels = new int[40];
        for (int i = 0; i < p.length; i++) {
            p[i] = io.lskd.math.Softmax.row(vector(5), 1);
            labels[i] = i % 4; // class 4 never occurs
        }
        means.add(p, labels);
        double[][] result = means.result();
        for (int c = 0; c < 4; c++) {
            assertEquals(1, java.util.Arrays.stream(result[c]).sum(), 1e-12);
        }
        assertTrue(Double.isNaN(result[4][0]));
    }

    @Test
    void diffusionIsOneForEvenWrongClassesAndGrowsWithTemperature() {
        SoftLabelDiffusion even = new SoftLabelDiffusion(3);
        even.add(new double[][] {{5, 1, 1, 1, 1}}, new int[] {0});
        assertEquals(1, even.diffusion(), 1e-12);
        SoftLabelDiffusion peaked = new SoftLabelDiffusion(1);
        peaked.add(new double[][] {{20, 15, -30, -30, -30}}, new int[] {0});
        assertTrue(peaked.diffusion() < 1e-15);
        double[][] z = new double[30][];
        int[] y = new int[30];
        for (int i = 0; i < z.length; i++) {
            z[i] = vector(6);
            y[i] = random.nextInt(6);
        }
        double previous = -1;
        for (double t : new double[] {0.5, 1, 2, 4, 8, 16}) {
            SoftLabelDiffusion d = new SoftLabelDiffusion(t);
            d.add(z, y);
            assertTrue(d.diffusion() >= previous - 1e-12, "diffusion fell at T = " + t);
            previous = d.diffusion();
        }
    }

    @Test
    void runAnalysisNamesTheClassesWhenAProjectionClassIsUnknown() {
        ModelOutputs outputs = outputs();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunAnalysis.of(outputs,
                true, new AnalysisSpec(List.of("cat", "dog", "ship"), null, null)));
        assertTrue(e.getMessage().contains("'ship'") && e.getMessage().contains("[cat, dog, car, sky]"),
                e.getMessage());
    }

    @Test
    void runAnalysisKeepsAtMostThePointsAskedForAndMeasuresEveryTemperature() {
        RunAnalysis a = RunAnalysis.of(outputs(), true, new AnalysisSpec(List.of("cat", "dog", "car"), null, 3));
        assertEquals(3, a.projection().train().points()[0].length);
        assertEquals(5, a.projection().train().counts()[0]);
        assertEquals(List.of(1.0, 2.0, 4.0, 8.0), a.diffusion().stream().map(RunAnalysis.Diffusion::temperature)
                .toList());
        RunAnalysis student = RunAnalysis.of(outputs(), false, new AnalysisSpec(null, List.of(2.0), null));
        assertNull(student.projection());
        assertTrue(student.diffusion().isEmpty());
        assertEquals(15, student.reliability().counts().length);
    }

    private ModelOutputs outputs() {
        int n = 20;
        int d = 3;
        double[][] templates = {vector(d + 1), vector(d + 1), vector(d + 1), vector(d + 1)};
        return new ModelOutputs(List.of("cat", "dog", "car", "sky"), templates, split(n, d, templates),
                split(n, d, templates));
    }

    private SplitOutputs split(int n, int d, double[][] templates) {
        int[] labels = new int[n];
        double[][] x = new double[n][];
        double[][] z = new double[n][templates.length];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            x[i] = vector(d);
            for (int c = 0; c < templates.length; c++) {
                z[i][c] = templates[c][d];
                for (int j = 0; j < d; j++) {
                    z[i][c] += templates[c][j] * x[i][j];
                }
            }
        }
        return new SplitOutputs(labels, z, x);
    }

    private double[] vector(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
