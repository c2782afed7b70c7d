package io.lskd.cli;

import io.lskd.report.Report;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lskd report <runs dir> [--out DIR]}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Aggregate a suite's runs (or every suite under a runs folder) into the paper's tables, a "
                + "verdict per claim and figures: report.md, report.html (self-contained), report.json.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A suite folder (runs/<suite>) or a runs folder")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: DIR itself)")
    Path out;

    @Override
    public Integer call() throws Exception {
        // the charts are drawn with AWT; no display is needed or wanted (servers, CI)
        System.setProperty("java.awt.headless", "true");
        Report report = Report.of(dir);
        Path md = report.write(out == null ? dir : out);
        report.verdicts().forEach(System.out::println);
        System.out.println("\nreport: " + md.toAbsolutePath() + " (and report.html, report.json, figures/)");
        return 0;
    }
}
