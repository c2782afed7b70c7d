package io.lskd.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a user asked of a cluster executor on the command line.
 *
 * @param master where to run: the cluster's URL (Spark: {@code local[4]}, {@code spark://host:7077},
 *     {@code yarn}, ...), or null to take the one of the launching tool (spark-submit)
 * @param threadsPerRun native threads for each run, or null for the executor's default
 * @param dataDir the --data-dir that every task must use to find the data sets, or null
 * @param properties settings passed to the cluster engine as they are ({@code --conf KEY=VALUE})
 */
public record ExecutorOptions(String master, Integer threadsPerRun, Path dataDir, Map<String, String> properties) {

    public ExecutorOptions {
        if (threadsPerRun != null && threadsPerRun < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threadsPerRun);
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
