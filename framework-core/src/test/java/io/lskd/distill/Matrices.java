package io.lskd.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

/** Assertions and random inputs on [B][K] matrices for the distiller tests. */
final class Matrices {

    private Matrices() {}

    static void assertClose(double[][] expected, double[][] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + ": columns of row " + i);
            for (int c = 0; c < expected[i].length; c++) {
                assertEquals(expected[i][c], actual[i][c], tolerance, what + " [" + i + "][" + c + "]");
            }
        }
    }

    /** Normal logits with standard deviation {@code scale}. */
    static double[][] randomLogits(SplittableRandom random, int b, int k, double scale) {
        double[][] z = new double[b][k];
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < k; c++) {
                z[i][c] = scale * random.nextGaussian();
            }
        }
        return z;
    }

    static int[] randomLabels(SplittableRandom random, int b, int k) {
        int[] labels = new int[b];
        for (int i = 0; i < b; i++) {
            labels[i] = random.nextInt(k);
        }
        return labels;
    }
}
