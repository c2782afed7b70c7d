package io.lskd.spark;

import io.lskd.run.RunRef;
import io.lskd.spi.RunListener;
import java.io.Serializable;

/**
 * Makes, on the executor, a listener of the caller's for each run a task trains (e.g. to feed
 * progress to a monitoring system); it travels with the tasks, so it must be serialisable.
 */
@FunctionalInterface
public interface TaskListeners extends Serializable {

    /** No listener beyond the executor's log. */
    TaskListeners NONE = run -> new RunListener() { };

    RunListener forRun(RunRef run);
}
