package io.lskd.spi;

import java.util.Map;

/**
 * A training component whose state changes while it trains and must survive a resume: an
 * online label smoother's running K x K statistics, an augmentation's random stream. The
 * trainer checkpoints every component it is given that implements this (the smoother, the
 * training data, the teacher-logit source) beside the model and the optimiser, and restores
 * it before the first step of a resumed run, so that resuming gives the same bits as never
 * stopping.
 *
 * <p>Arrays are named by the component (stable names: they are written into checkpoint files)
 * and are plain doubles; a matrix is flattened row-major and its shape is the component's
 * business. Values must round-trip exactly (a long counter below 2^53 does).
 */
public interface StatefulComponent {

    /** A snapshot of the state, as fresh arrays the caller may keep. */
    Map<String, double[]> saveState();

    /**
     * Puts the component back into a saved state. It is called once, on a freshly built
     * component, before training resumes.
     *
     * @throws IllegalArgumentException when a name is missing or an array has the wrong length;
     *     the message names it
     */
    void restoreState(Map<String, double[]> state);
}
