package io.lskd.graph;

/** The user asked training to stop (Ctrl-C); it stopped after a whole step, checkpointed where it could. */
public final class TrainingInterruptedException extends RuntimeException {

    private final int epoch;
    private final int step;

    public TrainingInterruptedException(int epoch, int step, boolean checkpointed) {
        super("stopped on request after epoch " + epoch + ", step " + step
                + (checkpointed ? "; a checkpoint was written there" : "; no checkpoint folder was given"));
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
