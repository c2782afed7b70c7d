package io.lskd.run;

/**
 * A {@link SuiteExecutor} that lskd can be asked for by name ({@code lskd run --executor NAME}),
 * found with {@link java.util.ServiceLoader} from
 * {@code META-INF/services/io.lskd.run.SuiteExecutorProvider}, so that a cluster executor and
 * its libraries stay out of lskd's own jar until a user adds them.
 */
public interface SuiteExecutorProvider {

    /** The name users give, lower case, e.g. "spark". */
    String name();

    /**
     * Connects to where runs will train.
     *
     * @throws IllegalArgumentException when the options do not say enough (e.g. no master), naming the option
     */
    SuiteExecutor create(ExecutorOptions options);
}
