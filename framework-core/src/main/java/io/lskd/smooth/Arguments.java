package io.lskd.smooth;

import io.lskd.config.Parameters;

/** Validation of the smoothers' arguments, shared so that every smoother words errors alike. */
final class Arguments {

    private Arguments() {}

    /** Returns alpha when it lies in [0, 1); 1 would erase the label altogether. */
    static double checkAlpha(String component, double alpha) {
        return Parameters.inRange(component, "alpha", alpha, 0, false, 1, true);
    }

    /** Rejects a label outside [0, numClasses) or fewer than 2 classes. */
    static void checkLabel(String component, int label, int numClasses) {
        Parameters.numClasses(component, numClasses);
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException(
                    component + ": label must be in [0, " + numClasses + "), got " + label);
        }
    }

    /** The one-hot vector of {@code label}. */
    static double[] oneHot(int label, int numClasses) {
        double[] y = new double[numClasses];
        y[label] = 1.0;
        return y;
    }
}
