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

    /**
     * Stopped before the first training step, in work that prepares it (e.g. a teacher's
     * translations of the training set), which kept what it could.
     *
     * @param what what was stopped and what was kept
     */
    public TrainingInterruptedException(String what) {
        super("stopped on request " + what);
        this.epoch = 1;
        this.step = 0;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }
}
