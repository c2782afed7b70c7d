package io.lskd.cli;

import io.lskd.bench.NativeInfo;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.run.JsonFiles;
import io.lskd.run.Parallelism;
import io.lskd.run.RunResult;
import io.lskd.run.SuiteRunner;
import io.lskd.run.SummaryTable;
import io.lskd.spec.SuiteSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lskd run <suite> [--out DIR] [--seeds 0,1,2] [--data-dir DIR] [--parallel N] [--threads T]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a suite (a bundled name or a JSON file): train every arm for every seed, print the table.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SUITE", description = "Bundled suite name (see 'lskd suites') or a suite file")
    String suite;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "Results folder; each suite writes <DIR>/<suite>/ (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seeds", split = ",", paramLabel = "S",
            description = "Seeds to run instead of the suite's, e.g. 0,1,2")
    List<Integer> seeds;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where data sets live (else $LSKD_DATA, system locations, then the bundled samples)")
    Path dataDir;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs trained at once, sharing the cores evenly (default: as many as cores, at most 4; "
                    + "1 trains one run at a time on every core)")
    Integer parallel;

    @Option(names = "--threads", paramLabel = "T",
            description = "Native threads per run (default: the cores divided by the runs trained at once)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        NativeInfo nativeInfo = NativeFallback.requireBackend();
        Registry registry = Registry.discover(RunCommand.class.getClassLoader(), new Workspace(dataDir));
        SuiteSpec spec = Suites.load(suite, registry);
        if (seeds != null) {
            spec = spec.withSeeds(seeds);
        }
        // first, before data loads: what the suite does and, for long ones, how long it takes
        if (!spec.description().isEmpty()) {
            System.err.println(spec.suite() + ": " + spec.description());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (parallel != null && parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        }
        Parallelism parallelism = parallel == null ? Parallelism.auto(cores) : Parallelism.of(parallel, cores);
        if (threads != null) {
            parallelism = new Parallelism(parallelism.runs(), threads);
        }
        System.err.printf("native: %s; %d run(s) at once, %d thread(s) each%n", nativeInfo.describe(),
                parallelism.runs(), parallelism.threadsPerRun());
        List<RunResult> results = new SuiteRunner(registry, new ConsoleProgress(System.err), parallelism)
                .estimateFirst().run(spec, out);
        SummaryTable table = SummaryTable.of(results);
        String rendered = table.render();
        Path suiteDir = out.resolve(spec.suite());
        JsonFiles.writeText(suiteDir.resolve("summary.md"), "# " + spec.suite() + "\n\n" + spec.description()
                + "\n\nSeeds " + spec.seeds() + "; mean ± sample std over seeds.\n\n" + rendered);
        JsonFiles.write(suiteDir.resolve("summary.json"), table.rows());
        System.out.println();
        System.out.print(rendered);
        System.out.println("\nresults: " + suiteDir.toAbsolutePath());
        return 0;
    }
}
