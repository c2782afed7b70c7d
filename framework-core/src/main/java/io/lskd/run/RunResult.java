package io.lskd.run;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The final result of one run, written as result.json (schema in README.md).
 *
 * @param variant the suite variant whose task the run used, or null for the suite's main task
 * @param metrics final metrics on the held-out split; teachers add {@code train_stability}
 */
public record RunResult(String suite, String variant, String arm, String role, String teacher, int seed, String runId,
                        String datasetFingerprint, String modelFingerprint, long parameters, int epochs,
                        double seconds, Map<String, Double> metrics) implements Serializable {

    public RunResult {
        // a serialisable copy in file order, whatever map the task returned: results travel from cluster tasks
        metrics = metrics == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
