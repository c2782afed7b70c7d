package io.lskd.cli;

import io.lskd.run.ExecutorOptions;
import io.lskd.run.InProcessExecutor;
import io.lskd.run.Parallelism;
import io.lskd.run.SuiteExecutor;
import io.lskd.run.SuiteExecutorProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * {@code lskd run --executor NAME}: the in-process executor, built in, or one found on the class
 * path through {@link SuiteExecutorProvider} (the Spark one of experiments/spark), with the
 * options that apply to it and a clear refusal of those that do not.
 */
final class ExecutorChoice {

    static final String IN_PROCESS = "in-process";

    private ExecutorChoice() {
    }

    /**
     * @param parallel --parallel, or null
     * @param threads --threads, or null
     * @param master --master, or null
     * @param conf --conf settings, or null
     */
    static SuiteExecutor create(String name, Integer parallel, Integer threads, String master,
                                Map<String, String> conf, Path dataDir, ClassLoader loader) {
        if (IN_PROCESS.equals(name)) {
            if (master != null || (conf != null && !conf.isEmpty())) {
                throw new IllegalArgumentException("--master and --conf are settings of a cluster executor"
                        + " (--executor spark); the in-process executor takes --parallel and --threads");
            }
            return new InProcessExecutor(parallelism(parallel, threads, Runtime.getRuntime().availableProcessors()));
        }
        if (parallel != null) {
            throw new IllegalArgumentException("--parallel applies to the in-process executor; with --executor " + name
                    + " the cluster's task slots decide how many runs train at once (--threads sets each run's)");
        }
        List<SuiteExecutorProvider> providers = ServiceLoader.load(SuiteExecutorProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        SuiteExecutorProvider provider = providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(missing(name, providers)));
        return provider.create(new ExecutorOptions(master, threads, dataDir, conf));
    }

    /** --parallel and --threads: as many runs as cores (at most 4) by default, the cores shared evenly. */
    static Parallelism parallelism(Integer parallel, Integer threads, int cores) {
        if (parallel != null && parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        }
        Parallelism parallelism = parallel == null ? Parallelism.auto(cores) : Parallelism.of(parallel, cores);
        return threads == null ? parallelism : new Parallelism(parallelism.runs(), threads);
    }

    private static String missing(String name, List<SuiteExecutorProvider> providers) {
        if ("spark".equals(name)) {
            return "the Spark executor is not on the class path; build it with"
                    + " 'mvn -pl experiments/spark -am package -DskipTests' and start lskd with"
                    + " experiments/spark/lskd-spark, or use spark-submit with experiments/spark/target/lskd-spark.jar"
                    + " (README: 'Running a suite on a cluster')";
        }
        return "no executor named '" + name + "'; available: "
                + java.util.stream.Stream.concat(java.util.stream.Stream.of(IN_PROCESS),
                        providers.stream().map(SuiteExecutorProvider::name)).toList();
    }
}
