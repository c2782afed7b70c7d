package io.lskd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lskd.bench.NativeInfo;
import io.lskd.bench.ResidentPeak;
import io.lskd.bench.ThroughputBenchmark;
import io.lskd.bench.Workload;
import io.lskd.bench.WorkloadFactory;
import io.lskd.graph.NativeThreads;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lskd bench}: training and inference throughput of the bundled models on fixed-shape
 * synthetic input, with peak memory and the native build in use. Medians of several windows
 * after a warm-up; compare figures only with a peer measured in the same session
 * (experiments/bench/compare.sh), since shared machines drift.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training and inference throughput of the bundled models.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", split = ",", paramLabel = "NAME",
            description = "Models to measure (default: all); see the list with --list.")
    List<String> models = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default: the model's own).")
    Integer batch;

    @Option(names = "--threads", paramLabel = "N",
            description = "Native threads per copy (default: the model family's measured best, see --list, at most "
                    + "the cores; with --parallel, the cores divided among the copies).")
    Integer threads;

    @Option(names = "--parallel", paramLabel = "P",
            description = "Train P copies at once, one per thread, each with cores/P native threads unless --threads "
                    + "is given, and report their summed throughput: how concurrent runs of a suite share the "
                    + "machine (default ${DEFAULT-VALUE}).")
    int parallel = 1;

    @Option(names = "--warmup", paramLabel = "STEPS", description = "Steps before measuring (default ${DEFAULT-VALUE}).")
    int warmup = 5;

    @Option(names = "--windows", paramLabel = "W", description = "Measured windows (default ${DEFAULT-VALUE}).")
    int windows = 5;

    @Option(names = "--steps", paramLabel = "S", description = "Steps per window (default ${DEFAULT-VALUE}).")
    int steps = 5;

    @Option(names = "--seed", description = "Seed of the weights and the synthetic batch (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--list", description = "List the models that can be measured and exit.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        NativeInfo nativeInfo = NativeFallback.requireBackend();
        Registry registry = Registry.discover(BenchCommand.class.getClassLoader(), new Workspace(null));
        Map<String, WorkloadFactory> available = registry.workloads();
        if (list) {
            list(available);
            return 0;
        }
        List<String> chosen = models.isEmpty() ? List.copyOf(available.keySet()) : models;
        for (String name : chosen) {
            if (!available.containsKey(name)) {
                throw new IllegalArgumentException("no benchmark for model '" + name + "'; available: "
                        + available.keySet());
            }
        }
        if (batch != null && batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        // the thread settings are the process's: give them back (bench also runs inside tests)
        int processThreads = NativeThreads.forProcess();
        int callerThreads = NativeThreads.forThisThread();
        List<Map<String, Object>> rows;
        try {
            rows = measure(chosen, available, nativeInfo);
        } finally {
            NativeThreads.useForProcess(processThreads);
            NativeThreads.useForThisThread(callerThreads);
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("native", nativeInfo);
            out.put("parallel", parallel);
            out.put("warmup", warmup);
            out.put("windows", windows);
            out.put("stepsPerWindow", steps);
            out.put("models", rows);
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        }
        return 0;
    }

    /** Measures each chosen model with its own thread count; prints a table line per model unless --json. */
    private List<Map<String, Object>> measure(List<String> chosen, Map<String, WorkloadFactory> available,
                                              NativeInfo nativeInfo) throws InterruptedException {
        ThroughputBenchmark benchmark = new ThroughputBenchmark(warmup, windows, steps);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!json) {
            System.out.println("native: " + nativeInfo.backend() + " " + nativeInfo.platform() + " "
                    + nativeInfo.variant() + (parallel > 1
                    ? "; " + parallel + " concurrent copies, throughput summed" : ""));
            System.out.printf("%-20s %6s %7s %10s %14s %14s %11s %11s%n", "model", "batch", "threads", "params",
                    "train/s", "infer/s", "peak heap", "peak RSS");
        }
        for (String name : chosen) {
            WorkloadFactory factory = available.get(name);
            int batchSize = batch == null ? factory.defaultBatchSize() : batch;
            int threadsEach = threadsEach(factory);
            NativeThreads.useForProcess(threadsEach);
            NativeThreads.useForThisThread(threadsEach);
            ResidentPeak.reset();
            List<Workload> copies = new ArrayList<>();
            try {
                for (int i = 0; i < parallel; i++) {
                    copies.add(factory.create(batchSize, seed + i));
                }
                List<ThroughputBenchmark.Result> results = parallel == 1 ? List.of(benchmark.run(copies.get(0)))
                        : benchmark.runConcurrently(copies, threadsEach);
                Workload workload = copies.get(0);
                double train = results.stream().mapToDouble(r -> r.train().median()).sum();
                double infer = results.stream().mapToDouble(r -> r.infer().median()).sum();
                long heap = results.stream().mapToLong(r -> r.memory().peakHeapBytes()).max().orElseThrow();
                long resident = results.stream().mapToLong(r -> r.memory().peakResidentBytes()).max().orElseThrow();
                rows.add(row(name, batchSize, threadsEach, workload, train, infer, results, heap, resident));
                if (!json) {
                    System.out.printf("%-20s %6d %7d %,10d %,10.1f %-3s %,10.1f %-3s %8.0f MB %8.0f MB%n", name,
                            batchSize, threadsEach, workload.parameterCount(), train, unitShort(workload), infer,
                            unitShort(workload), heap / 1e6, resident / 1e6);
                }
            } finally {
                copies.forEach(Workload::close);
            }
        }
        return rows;
    }

    /** The models with their defaults, as lines or (--json) as an object by name, which compare.sh reads. */
    private void list(Map<String, WorkloadFactory> available) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        available.forEach((name, factory) -> {
            if (json) {
                out.put(name, Map.of("description", factory.description(), "batch", factory.defaultBatchSize(),
                        "threads", factory.defaultThreads()));
            } else {
                System.out.printf("%s: %s (batch %d, %d thread%s)%n", name, factory.description(),
                        factory.defaultBatchSize(), factory.defaultThreads(), factory.defaultThreads() == 1 ? "" : "s");
            }
        });
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        }
    }

    /**
     * Native threads per copy: --threads; else with several copies the cores shared among them;
     * else the model family's measured default, capped at the cores.
     */
    private int threadsEach(WorkloadFactory factory) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads != null) {
            return threads;
        }
        return parallel > 1 ? Math.max(1, cores / parallel) : Math.min(factory.defaultThreads(), cores);
    }

    private static String unitShort(Workload workload) {
        return workload.unit().equals("samples") ? "smp" : "tok";
    }

    private static Map<String, Object> row(String name, int batchSize, int threads, Workload workload, double train,
                                           double infer, List<ThroughputBenchmark.Result> results, long heap,
                                           long resident) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", name);
        row.put("batch", batchSize);
        row.put("threads", threads);
        row.put("unit", workload.unit());
        row.put("parameters", workload.parameterCount());
        row.put("trainPerSecond", train);
        row.put("trainWindows", results.stream().map(r -> r.train().windows()).toList());
        row.put("inferPerSecond", infer);
        row.put("inferWindows", results.stream().map(r -> r.infer().windows()).toList());
        row.put("peakHeapBytes", heap);
        row.put("peakResidentBytes", resident);
        return row;
    }
}
