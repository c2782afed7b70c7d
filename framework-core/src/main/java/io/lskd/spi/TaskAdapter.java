package io.lskd.spi;

import io.lskd.spec.TaskSpec;
import java.io.IOException;

/**
 * The seam between the generic runner and a task (fairseq's "task"): it loads the data a
 * task spec names and hands back a session that trains and evaluates the suite's arms.
 */
public interface TaskAdapter {

    /**
     * Resolves, reads and checks the task's data, before any training starts.
     *
     * @throws IOException when a data file is missing or corrupt; the message names the file
     */
    TaskSession open(TaskSpec task) throws IOException;
}
