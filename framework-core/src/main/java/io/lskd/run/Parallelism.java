package io.lskd.run;

/**
 * How a suite shares the machine: {@code runs} runs train at once, each on its own thread
 * with {@code threadsPerRun} native threads.
 *
 * <p>Why several runs at once rather than one run on every core: the models of a suite are
 * small, and ND4J's kernels scale poorly across threads on them. Measured on 2 cores with
 * {@code lskd bench --model resnet-small}: one copy with 1 thread used 18.4 CPU-seconds, with
 * 2 threads 47.3 for the same steps, and two concurrent 1-thread copies 32.9 for twice the
 * steps; so two 1-thread runs do nearly twice the work of one 2-thread run in the same time.
 */
public record Parallelism(int runs, int threadsPerRun) {

    /** The most runs {@link #auto(int)} starts at once, to bound memory on large machines. */
    static final int MAX_AUTO_RUNS = 4;

    public Parallelism {
        if (runs < 1 || threadsPerRun < 1) {
            throw new IllegalArgumentException("need at least 1 run at once and 1 thread per run, got " + runs
                    + " and " + threadsPerRun);
        }
    }

    /** One run at a time with every core: the behaviour of a plain sequential runner. */
    public static Parallelism sequential(int cores) {
        return new Parallelism(1, Math.max(1, cores));
    }

    /** Up to {@value #MAX_AUTO_RUNS} runs at once, sharing the cores evenly. */
    public static Parallelism auto(int cores) {
        int runs = Math.max(1, Math.min(cores, MAX_AUTO_RUNS));
        return new Parallelism(runs, Math.max(1, cores / runs));
    }

    /** {@code runs} at once, sharing the cores evenly. */
    public static Parallelism of(int runs, int cores) {
        return new Parallelism(runs, Math.max(1, cores / runs));
    }
}
