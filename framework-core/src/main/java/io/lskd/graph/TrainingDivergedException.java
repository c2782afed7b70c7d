package io.lskd.graph;

/** Training produced a non-finite loss; the run stops and keeps what it has written. */
public final class TrainingDivergedException extends RuntimeException {

    private final int epoch;
    private final int step;

    public TrainingDivergedException(int epoch, int step, double loss) {
        super("training loss is " + loss + " at epoch " + epoch + ", step " + step
                + " (before that step's update); lower the learning rate or check the data");
        this.epoch = epoch;
        this.step = step;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }
}
