package io.lskd.run;

import io.lskd.config.TypeName;
import io.lskd.plugin.Registry;
import io.lskd.spec.AnalysisSpec;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.TaskSpec;
import io.lskd.spi.TaskSession;
import java.io.IOException;
import java.nio.file.Path;

/** One arm at one seed on one task of a suite, with its folder: what the runner trains as one run. */
record PlannedRun(Job job, ArmSpec arm, ArmSpec teacherArm, int seed, RunSpec spec, RunFolder folder) {

    /** One task of a suite with its data opened: the main one (variant null) or a variant's. */
    record Job(String variant, TaskSpec task, AnalysisSpec analysis, TaskSession session, Path dir) {

        /** Opens the task (its data read and checked) of the main suite or of a variant, writing under {@code dir}. */
        static Job open(Registry registry, String variant, TaskSpec task, AnalysisSpec analysis, Path dir)
                throws IOException {
            String taskName = task.getClass().getAnnotation(TypeName.class).value();
            return new Job(variant, task, analysis, registry.task(taskName).open(task), dir);
        }
    }

    static PlannedRun of(SuiteSpec suite, Job job, ArmSpec arm, int seed) {
        ArmSpec teacherArm = arm.teacher() == null ? null : suite.arm(arm.teacher());
        RunSpec spec = RunSpec.of(suite, job.task(), arm, seed);
        return new PlannedRun(job, arm, teacherArm, seed, spec, new RunFolder(job.dir(), spec));
    }

    RunRef ref() {
        return new RunRef(job.variant(), arm.name(), seed);
    }

    /** The run of this run's teacher; null for a run without one. */
    RunRef teacherRef() {
        return teacherArm == null ? null : ref().withArm(teacherArm.name());
    }

    String name() {
        return ref().name();
    }
}
