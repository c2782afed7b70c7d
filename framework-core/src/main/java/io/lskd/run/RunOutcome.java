package io.lskd.run;

import java.io.Serializable;

/**
 * What became of one run, as an executor reports it back from where the run trained: its
 * result when it finished, its failure when it diverged or its teacher did not finish.
 *
 * @param trainedNow whether the run was trained (or resumed) by this execution, rather than
 *     found finished or failed by an earlier one
 */
public record RunOutcome(RunRef run, RunResult result, RunFailure failure, boolean trainedNow) implements Serializable {

    public RunOutcome {
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("a run outcome has a result or a failure, not both or neither: " + run);
        }
    }
}
