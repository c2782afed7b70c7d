package io.lskd.bench;

import io.lskd.graph.NativeThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.bytedeco.javacpp.Pointer;

/**
 * Times a workload: {@code warmup} steps first (graph set-up, JIT, allocator growth), then
 * {@code windows} windows of {@code stepsPerWindow} steps each; the figure is the median
 * window's throughput, which shrugs off a window disturbed by another process on a shared
 * machine. Peak memory: the Java heap in use, sampled after every step, and the resident set
 * (heap, JVM and ND4J's native buffers together): the kernel's peak ({@link ResidentPeak}), read
 * once after the steps so that the windows are not timed with it, or where the kernel reports
 * none, samples after every step. The caller resets the kernel's peak before it builds the
 * workload ({@link ResidentPeak#reset()}), so the figure covers this model alone.
 */
public final class ThroughputBenchmark {

    private final int warmup;
    private final int windows;
    private final int stepsPerWindow;

    public ThroughputBenchmark(int warmup, int windows, int stepsPerWindow) {
        if (warmup < 0 || windows < 1 || stepsPerWindow < 1) {
            throw new IllegalArgumentException("need warmup >= 0, windows >= 1 and steps per window >= 1");
        }
        this.warmup = warmup;
        this.windows = windows;
        this.stepsPerWindow = stepsPerWindow;
    }

    /** Items per second of each measured window and the median, for one kind of step. */
    public record Throughput(double median, double[] windows) {
    }

    /** Peak heap in use and peak resident set, in bytes: the heap over the steps, the resident set since the reset. */
    public record Memory(long peakHeapBytes, long peakResidentBytes) {
    }

    /** The result for one workload. */
    public record Result(Throughput train, Throughput infer, Memory memory) {
    }

    public Result run(Workload workload) {
        MemoryPeak peak = new MemoryPeak();
        Throughput train = measure(i -> {
            workload.trainStep();
            peak.sample();
        }, workload.itemsPerStep());
        Throughput infer = measure(i -> {
            workload.inferStep();
            peak.sample();
        }, workload.itemsPerStep());
        long resident = Math.max(peak.resident, ResidentPeak.bytes().orElse(0));
        return new Result(train, infer, new Memory(peak.heap, resident));
    }

    /**
     * Runs one workload per thread at the same time, each thread limited to
     * {@code threadsEach} native threads: the throughput of concurrent runs sharing the
     * machine. Returns each workload's result.
     */
    public List<Result> runConcurrently(List<Workload> workloads, int threadsEach) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workloads.size());
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Workload workload : workloads) {
                futures.add(pool.submit(() -> {
                    NativeThreads.useForThisThread(threadsEach);
                    return run(workload);
                }));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a concurrent benchmark failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Throughput measure(IntConsumer step, int itemsPerStep) {
        for (int i = 0; i < warmup; i++) {
            step.accept(i);
        }
        double[] rates = new double[windows];
        for (int w = 0; w < windows; w++) {
            long start = System.nanoTime();
            for (int i = 0; i < stepsPerWindow; i++) {
                step.accept(i);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            rates[w] = itemsPerStep * (double) stepsPerWindow / seconds;
        }
        return new Throughput(median(rates), rates);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static final class MemoryPeak {
        long heap;
        long resident;

        void sample() {
            Runtime runtime = Runtime.getRuntime();
            heap = Math.max(heap, runtime.totalMemory() - runtime.freeMemory());
            resident = Math.max(resident, Pointer.physicalBytes());
        }
    }
}
