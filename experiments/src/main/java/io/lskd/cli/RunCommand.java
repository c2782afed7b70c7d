package io.lskd.cli;

import io.lskd.bench.NativeInfo;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.run.JsonFiles;
import io.lskd.run.ResultsFolder;
import io.lskd.run.ResumeMode;
import io.lskd.run.RunFailure;
import io.lskd.run.StopRequest;
import io.lskd.run.SuiteExecutor;
import io.lskd.run.SuiteOutcome;
import io.lskd.run.SuiteRunner;
import io.lskd.run.SummaryTable;
import io.lskd.spec.SuiteSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lskd run <suite> [--out DIR] [--seeds 0,1,2] [--data-dir DIR] [--parallel N] [--threads T]
 * [--resume | --fresh] [--executor NAME [--master URL] [--conf KEY=VALUE]...]}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a suite (a bundled name or a JSON file): train every arm for every seed, print the table.",
                "A re-run into the same folder continues the earlier run of the same suite: finished runs are kept,"
                        + " unfinished ones resume from their last checkpoint. Ctrl-C stops after the current step"
                        + " with a checkpoint."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SUITE", description = "Bundled suite name (see 'lskd suites') or a suite file")
    String suite;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "Results folder; each suite writes <DIR>/<suite>/ (default: ${DEFAULT-VALUE}). With"
                    + " --executor spark also a Hadoop file system URI: hdfs://namenode:8020/runs, s3a://bucket/runs,"
                    + " file:///shared/runs")
    String out;

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

    @Option(names = "--executor", paramLabel = "NAME", defaultValue = ExecutorChoice.IN_PROCESS,
            description = "Where runs train: in-process (default) or spark, each run a Spark task (needs the Spark"
                    + " executor on the class path: README 'Running a suite on a cluster')")
    String executor;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --executor spark: local[N], local[N,F] (F attempts per run),"
                    + " spark://host:7077, yarn, ... (default: spark-submit's)")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting for --executor spark, e.g. --conf spark.task.maxFailures=4 (repeatable)")
    Map<String, String> conf;

    @Option(names = "--resume", description = "Continue the earlier run in <DIR>/<suite>/; fail if there is none")
    boolean resume;

    @Option(names = "--fresh",
            description = "Start again: move an earlier <DIR>/<suite>/ aside to <suite>-before-<time>/ first")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        if (resume && fresh) {
            throw new IllegalArgumentException("--resume and --fresh exclude each other");
        }
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
        ResumeMode mode = fresh ? ResumeMode.FRESH : resume ? ResumeMode.RESUME : ResumeMode.CONTINUE;
        StopRequest stop = new StopRequest();
        SuiteOutcome outcome;
        String suiteFolder;
        try (SuiteExecutor suiteExecutor = ExecutorChoice.create(executor, parallel, threads, master, conf, dataDir,
                RunCommand.class.getClassLoader());
             Interrupts interrupts = Interrupts.install(stop, System.err);
             ResultsFolder results = suiteExecutor.resultsFolder(out)) {
            System.err.printf("native: %s; %s%n", nativeInfo.describe(), suiteExecutor.describe());
            ConsoleProgress progress = new ConsoleProgress(System.err);
            Path local = results.prepare(spec, mode, progress);
            outcome = new SuiteRunner(registry, progress, suiteExecutor, stop).estimateFirst().run(spec, local, mode);
            if (!outcome.results().isEmpty()) {
                SummaryTable table = SummaryTable.of(outcome.results());
                String rendered = table.render();
                Path suiteDir = local.resolve(spec.suite());
                JsonFiles.writeText(suiteDir.resolve("summary.md"), "# " + spec.suite() + "\n\n" + spec.description()
                        + "\n\nSeeds " + spec.seeds() + "; mean ± sample std over seeds.\n\n" + rendered);
                JsonFiles.write(suiteDir.resolve("summary.json"), table.rows());
                results.publish(spec);
                System.out.println();
                System.out.print(rendered);
            }
            suiteFolder = results.suiteFolder(spec);
        }
        System.out.println("\nresults: " + suiteFolder);
        if (!outcome.failures().isEmpty()) {
            System.err.println("lskd: " + outcome.failures().size() + " run(s) did not finish:");
            for (RunFailure f : outcome.failures()) {
                System.err.println("  " + f.run() + ": " + f.reason() + " (" + f.folder() + ")");
            }
            return 1;
        }
        return 0;
    }
}
