package io.lskd.run;

import io.lskd.spec.ArmSpec;
import io.lskd.spec.SeedingSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.TaskSpec;
import io.lskd.spec.TrainingSpec;

/**
 * Everything that determines one run's outcome; its canonical JSON is the run's spec.json and
 * its SHA-256 the run id. The teacher arm's spec is included, so that a student's id changes
 * when its teacher's recipe does. The checkpoint interval is left out: it does not change the
 * outcome.
 */
public record RunSpec(String suite, TaskSpec task, TrainingSpec training, SeedingSpec seeding, ArmSpec arm,
                      ArmSpec teacher, int seed) {

    /** The run of {@code arm} for {@code seed} in {@code suite}. */
    public static RunSpec of(SuiteSpec suite, ArmSpec arm, int seed) {
        return of(suite, suite.task(), arm, seed);
    }

    /** The run of {@code arm} for {@code seed} on {@code task} (the suite's own or a variant's). */
    public static RunSpec of(SuiteSpec suite, TaskSpec task, ArmSpec arm, int seed) {
        ArmSpec teacher = arm.teacher() == null ? null : suite.arm(arm.teacher());
        return new RunSpec(suite.suite(), task, suite.training().withoutCheckpointing(), suite.seeding(), arm,
                teacher, seed);
    }
}
