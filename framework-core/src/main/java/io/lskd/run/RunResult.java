package io.lskd.run;

import java.util.Map;

/**
 * The final result of one run, written as result.json (schema in README.md).
 *
 * @param metrics final metrics on the held-out split; teachers add {@code train_stability}
 */
public record RunResult(String suite, String arm, String role, String teacher, int seed, String runId,
                        String datasetFingerprint, String modelFingerprint, long parameters, int epochs,
                        double seconds, Map<String, Double> metrics) {
}
