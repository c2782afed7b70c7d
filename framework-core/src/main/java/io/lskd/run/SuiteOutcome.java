package io.lskd.run;

import java.util.List;

/**
 * What a suite produced: the results of the runs that finished (in this process or earlier),
 * in run order, and the runs that failed while the others went on.
 */
public record SuiteOutcome(List<RunResult> results, List<RunFailure> failures) {
    public SuiteOutcome {
        results = List.copyOf(results);
        failures = List.copyOf(failures);
    }
}
