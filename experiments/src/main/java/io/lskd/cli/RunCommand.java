package io.lskd.cli;

import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.run.JsonFiles;
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

/** {@code lskd run <suite> [--out DIR] [--seeds 0,1,2] [--data-dir DIR]}. */
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

    @Override
    public Integer call() throws Exception {
        Registry registry = Registry.discover(RunCommand.class.getClassLoader(), new Workspace(dataDir));
        SuiteSpec spec = Suites.load(suite, registry);
        if (seeds != null) {
            spec = spec.withSeeds(seeds);
        }
        List<RunResult> results = new SuiteRunner(registry, new ConsoleProgress(System.err)).estimateFirst()
                .run(spec, out);
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
