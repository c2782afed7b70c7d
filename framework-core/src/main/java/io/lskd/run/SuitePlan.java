package io.lskd.run;

import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite ready to execute, as the {@link SuiteRunner} hands it to a {@link SuiteExecutor}: its
 * folder prepared and locked, every task's data read and checked, its runs in start order
 * (each teacher before its students) and in stages (runs without a teacher first, then their
 * students, then the students of those), where the runs of a stage depend on nothing in it.
 */
public final class SuitePlan {

    private final SuiteSpec suite;
    private final Path outDir;
    private final Path suiteDir;
    private final List<PlannedRun> runs;
    private final RunListener listener;
    private final StopRequest stop;

    SuitePlan(SuiteSpec suite, Path outDir, Path suiteDir, List<PlannedRun> runs, RunListener listener,
              StopRequest stop) {
        this.suite = suite;
        this.outDir = outDir;
        this.suiteDir = suiteDir;
        this.runs = List.copyOf(runs);
        this.listener = listener;
        this.stop = stop;
    }

    /** The suite as run (seeds of the command line applied). */
    public SuiteSpec suite() {
        return suite;
    }

    /** The results folder given to the runner; the suite's folder is {@link #suiteDir()} inside it. */
    public Path outDir() {
        return outDir;
    }

    public Path suiteDir() {
        return suiteDir;
    }

    /** Every run, in start order: per task, per seed, arms ordered teachers first. */
    public List<RunRef> runs() {
        return runs.stream().map(PlannedRun::ref).toList();
    }

    /**
     * The runs grouped by how many teachers stand above them (0: trained without a teacher), in
     * start order within each stage; a run's teacher is always in an earlier stage.
     */
    public List<List<RunRef>> stages() {
        Map<String, Integer> depth = new HashMap<>();
        for (ArmSpec arm : SuiteRunner.orderedArms(suite)) {
            depth.put(arm.name(), arm.teacher() == null ? 0 : depth.get(arm.teacher()) + 1);
        }
        List<List<RunRef>> stages = new ArrayList<>();
        for (PlannedRun run : runs) {
            int stage = depth.get(run.arm().name());
            while (stages.size() <= stage) {
                stages.add(new ArrayList<>());
            }
            stages.get(stage).add(run.ref());
        }
        return stages.stream().map(List::copyOf).toList();
    }

    /** Where progress and results go; thread-safe when runs train at once. */
    public RunListener listener() {
        return listener;
    }

    /** Set when the user asked the suite to stop (Ctrl-C). */
    public StopRequest stop() {
        return stop;
    }

    List<PlannedRun> planned() {
        return runs;
    }
}
