package io.lskd.smooth;

/** Validation of the smoothers' arguments, shared so that every smoother words errors alike. */
final class Arguments {

    private Arguments() {}

    /** Returns alpha when it lies in [0, 1); 1 would erase the label altogether. */
    static double checkAlpha(double alpha) {
        if (!(alpha >= 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in [0, 1), got " + alpha);
        }
        return alpha;
    }

    /** Rejects a label outside [0, numClasses) or fewer than 2 classes. */
    static void checkLabel(int label, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
        }
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException(
                    "label must be in [0, " + numClasses + "), got " + label);
        }
    }
}
