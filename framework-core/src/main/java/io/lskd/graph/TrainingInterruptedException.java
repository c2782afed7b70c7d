package io.lskd.graph;

/** The user asked training to stop (Ctrl-C); it stopped after a whole step, checkpointed where it could. */
public final class TrainingInterruptedException extends RuntimeException {

    private final int epoch;
    private final int step;
    /** Null when stopped before training (the message then says what was kept instead). */
    private final Boolean checkpointed;

    public TrainingInterruptedException(int epoch, int step, boolean checkpointed) {
        super("stopped on request after epoch " + epoch + ", step " + step
                + (checkpointed ? "; a checkpoint was written there" : "; no checkpoint folder was given"));
        this.epoch = epoch;
        this.step = step;
        this.checkpointed = checkpointed;
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
        this.checkpointed = null;
    }

    /**
     * The same stop in a run whose training had {@code epochs} epochs before this pass (the
     * second step of a two-step schedule), so that the message counts the run's epochs.
     */
    public TrainingInterruptedException afterEarlierEpochs(int epochs) {
        return checkpointed == null ? this : new TrainingInterruptedException(epoch + epochs, step, checkpointed);
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }
}
