package io.lskd.spark;

import io.lskd.run.ExecutorOptions;
import io.lskd.run.SuiteExecutor;
import io.lskd.run.SuiteExecutorProvider;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code --executor spark}: starts (or, under spark-submit, joins) a Spark context from the
 * command line's {@code --master}, {@code --threads} (as {@code spark.task.cpus}) and
 * {@code --conf spark.*=...} settings, on top of the {@code spark.*} system properties that
 * spark-submit passes.
 */
public final class SparkExecutorProvider implements SuiteExecutorProvider {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SuiteExecutor create(ExecutorOptions options) {
        SparkConf conf = new SparkConf();
        options.properties().forEach((key, value) -> {
            if (!key.startsWith("spark.")) {
                throw new IllegalArgumentException("--conf " + key + "=" + value
                        + ": Spark settings start with 'spark.', e.g. --conf spark.task.maxFailures=4");
            }
            conf.set(key, value);
        });
        if (options.master() != null) {
            conf.setMaster(options.master());
        }
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: give --master (e.g. local[4], local[4,2] to retry"
                    + " a failed run once, spark://host:7077, yarn) or start lskd with spark-submit");
        }
        if (options.threadsPerRun() != null) {
            String cpus = conf.get("spark.task.cpus", null);
            if (cpus != null && !cpus.equals(options.threadsPerRun().toString())) {
                throw new IllegalArgumentException("--threads " + options.threadsPerRun() + " and --conf spark.task.cpus="
                        + cpus + " disagree; each run uses spark.task.cpus native threads, give one of them");
            }
            conf.set("spark.task.cpus", options.threadsPerRun().toString());
        }
        if (conf.get("spark.master").startsWith("local")) {
            // a local master needs no network: bind to the loopback, whatever the host name resolves to
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.setIfMissing("spark.app.name", "lskd");
        return new SparkExecutor(new JavaSparkContext(SparkContext.getOrCreate(conf)), options.dataDir(), true,
                TaskListeners.NONE);
    }
}
