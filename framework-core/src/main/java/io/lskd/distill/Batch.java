package io.lskd.distill;

/** Shape checks for a distiller's inputs, with messages that name the argument. */
final class Batch {

    private Batch() {}

    /** Checks that {@code x} is a non-empty rectangular [B][K] matrix and returns {B, K}. */
    static int[] shape(String name, double[][] x) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row");
        }
        int k = x[0] == null ? 0 : x[0].length;
        if (k == 0) {
            throw new IllegalArgumentException(name + " must have at least one column");
        }
        for (int i = 1; i < x.length; i++) {
            if (x[i] == null || x[i].length != k) {
                throw new IllegalArgumentException(name + " row " + i + " has "
                        + (x[i] == null ? "no" : x[i].length) + " columns, row 0 has " + k);
            }
        }
        return new int[] {x.length, k};
    }

    /** Checks that {@code x} has the same [B][K] shape as the student logits. */
    static void sameShape(String name, double[][] x, int[] studentShape) {
        int[] s = shape(name, x);
        if (s[0] != studentShape[0] || s[1] != studentShape[1]) {
            throw new IllegalArgumentException(name + " is [" + s[0] + "][" + s[1]
                    + "] but studentLogits is [" + studentShape[0] + "][" + studentShape[1] + "]");
        }
    }

    /** Rejects a temperature that is not a positive finite number. */
    static double checkTemperature(double temperature) {
        if (!(temperature > 0.0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
        }
        return temperature;
    }
}
