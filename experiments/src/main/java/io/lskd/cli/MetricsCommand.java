package io.lskd.cli;

import io.lskd.metrics.ProbabilityFiles;
import io.lskd.run.JsonFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lskd metrics --probs P.csv --labels L.csv [--reference R.csv] [--json]}. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Compute top-1, top-5, NLL, ECE (15 bins), 1-S and mean confidence from a CSV of probabilities.")
final class MetricsCommand implements Callable<Integer> {

    @Option(names = "--probs", required = true, paramLabel = "P.csv",
            description = "One row of K probabilities per sample (an optional header line is skipped)")
    Path probs;

    @Option(names = "--labels", required = true, paramLabel = "L.csv",
            description = "One integer label in [0, K) per line, same order as --probs")
    Path labels;

    @Option(names = "--reference", paramLabel = "R.csv",
            description = "A reference model's probabilities (e.g. the teacher's), adds teacher-student agreement")
    Path reference;

    @Option(names = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Double> results = ProbabilityFiles.evaluate(probs, labels, Optional.ofNullable(reference));
        if (json) {
            System.out.println(JsonFiles.toJson(results));
        } else {
            results.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-11s %.6f%n", k, v));
        }
        return 0;
    }
}
