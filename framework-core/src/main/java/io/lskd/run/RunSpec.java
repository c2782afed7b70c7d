package io.lskd.run;

import io.lskd.spec.ArmSpec;
import io.lskd.spec.SeedingSpec;
import io.lskd.spec.TaskSpec;
import io.lskd.spec.TrainingSpec;

/**
 * Everything that determines one run's outcome; its canonical JSON is the run's spec.json and
 * its SHA-256 the run id. The teacher arm's spec is included, so that a student's id changes
 * when its teacher's recipe does.
 */
public record RunSpec(String suite, TaskSpec task, TrainingSpec training, SeedingSpec seeding, ArmSpec arm,
                      ArmSpec teacher, int seed) {
}
