package io.lskd.run;

/** How a run of a suite treats results of an earlier run in its folder (README: "Resuming ..."). */
public enum ResumeMode {
    /** A plain run: continue a folder holding the same suite definition, start one where there is none. */
    CONTINUE,
    /** {@code --resume}: as CONTINUE, but fail when there is nothing to continue. */
    RESUME,
    /** {@code --fresh}: move an existing folder aside to {@code <suite>-before-<time>} and start again. */
    FRESH
}
