package io.lskd.spi;

/**
 * A training loss on student logits, optionally guided by a teacher: plain cross-entropy,
 * soft-target KD, Hinton KD and their relatives. The reference maths lives in
 * {@link #loss}; task adapters bridge it into their training graph and a parity test checks
 * the bridge against this reference.
 */
public interface Distiller {

    /** The registered name, e.g. {@code "hinton"}. */
    String name();

    /** Whether {@link #loss} reads the teacher logits (false: a student trained alone). */
    boolean needsTeacher();

    /**
     * The batch-mean loss, its gradient with respect to the student logits, and each named term.
     *
     * @param studentLogits z^s, [B][K]
     * @param teacherLogits z^t, [B][K]; null when {@link #needsTeacher()} is false
     * @param targets the smoothed hard-label targets from the run's {@link Smoother}, [B][K]
     */
    LossValue loss(double[][] studentLogits, double[][] teacherLogits, double[][] targets);
}
