package io.lskd.run;

import java.io.Serializable;

/**
 * One run of a suite by name, as an executor hands it to the place where it trains (a thread
 * here, a task on a cluster): the variant whose task it uses (null for the suite's main task),
 * the arm and the seed.
 */
public record RunRef(String variant, String arm, int seed) implements Serializable {

    public RunRef {
        if (arm == null || arm.isEmpty()) {
            throw new IllegalArgumentException("a run needs an arm name");
        }
    }

    /** The run of another arm at the same variant and seed (e.g. a student's teacher). */
    public RunRef withArm(String otherArm) {
        return new RunRef(variant, otherArm, seed);
    }

    /** The run's name in messages and results: "kd (seed 0)", "longtail/kd (seed 0)". */
    public String name() {
        return (variant == null ? "" : variant + "/") + arm + " (seed " + seed + ")";
    }
}
