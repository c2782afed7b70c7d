package io.lskd.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lskd.distill.SoftTargetSpec;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.RunListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order and stages in which an executor receives a suite's runs. */
class SuitePlanTest {

    /** Students listed before their teacher in the file, two seeds, no data needed to plan. */
    private static SuitePlan plan() {
        SuiteSpec suite = new SuiteSpec("s", null, List.of(0, 1), null, new SuiteFolderTest.TestTask(10),
                new TrainingSpec(1, 8, 0.01, null, null), List.of(
                new ArmSpec("kd", null, new SuiteFolderTest.TestModel(4), null, new SoftTargetSpec(1.0), "teacher"),
                new ArmSpec("alone", null, new SuiteFolderTest.TestModel(4), null, null, null),
                new ArmSpec("teacher", ArmSpec.Role.TEACHER, new SuiteFolderTest.TestModel(8), null, null, null)),
                List.of(), null);
        Path dir = Path.of("runs", "s");
        PlannedRun.Job job = new PlannedRun.Job(null, suite.task(), suite.analysis(), null, dir);
        List<PlannedRun> runs = new ArrayList<>();
        for (int seed : suite.seeds()) {
            for (ArmSpec arm : SuiteRunner.orderedArms(suite)) {
                runs.add(PlannedRun.of(suite, job, arm, seed));
            }
        }
        return new SuitePlan(suite, Path.of("runs"), dir, runs, new RunListener() { }, new StopRequest());
    }

    @Test
    void runsStartPerSeedWithTeachersBeforeTheirStudents() {
        assertEquals(List.of(new RunRef(null, "alone", 0), new RunRef(null, "teacher", 0), new RunRef(null, "kd", 0),
                new RunRef(null, "alone", 1), new RunRef(null, "teacher", 1), new RunRef(null, "kd", 1)),
                plan().runs());
    }

    @Test
    void everyRunIsInAStageAfterItsTeachersStage() {
        assertEquals(List.of(
                List.of(new RunRef(null, "alone", 0), new RunRef(null, "teacher", 0), new RunRef(null, "alone", 1),
                        new RunRef(null, "teacher", 1)),
                List.of(new RunRef(null, "kd", 0), new RunRef(null, "kd", 1))), plan().stages());
    }

    @Test
    void aRunIsNamedByVariantArmAndSeed() {
        assertEquals("kd (seed 2)", new RunRef(null, "kd", 2).name());
        assertEquals("longtail/kd (seed 0)", new RunRef("longtail", "kd", 0).name());
        assertEquals(new RunRef("v", "teacher", 3), new RunRef("v", "kd", 3).withArm("teacher"));
        assertThrows(IllegalArgumentException.class, () -> new RunRef(null, "", 0));
    }

    @Test
    void anOutcomeHasAResultOrAFailure() {
        RunRef run = new RunRef(null, "kd", 0);
        assertThrows(IllegalArgumentException.class, () -> new RunOutcome(run, null, null, true));
    }
}
