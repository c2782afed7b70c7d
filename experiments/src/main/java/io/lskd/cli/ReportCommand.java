package io.lskd.cli;

import io.lskd.report.Report;
import io.lskd.run.ResultsFolder;
import java.net.URI;
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

    @Parameters(index = "0", paramLabel = "DIR", description = "A suite folder (runs/<suite>) or a runs folder, on"
            + " this machine (a suite written to HDFS or S3 is copied here first: README 'Running a suite on a cluster')")
    String dir;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: DIR itself)")
    Path out;

    @Override
    public Integer call() throws Exception {
        // the charts are drawn with AWT; no display is needed or wanted (servers, CI)
        System.setProperty("java.awt.headless", "true");
        Path folder = localFolder(dir);
        Report report = Report.of(folder);
        Path md = report.write(out == null ? folder : out);
        report.verdicts().forEach(System.out::println);
        System.out.println("\nreport: " + md.toAbsolutePath() + " (and report.html, report.json, figures/)");
        return 0;
    }

    /**
     * The report reads a folder through this machine's file system; a suite that a cluster wrote
     * to HDFS or an object store is copied here first (one command, and the report then reads it
     * as often as wanted without network traffic).
     */
    static Path localFolder(String dir) {
        if (!ResultsFolder.isUri(dir)) {
            return Path.of(dir);
        }
        URI uri = URI.create(dir);
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return Path.of(uri);
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        String name = path.isEmpty() ? "runs" : path.substring(path.lastIndexOf('/') + 1);
        throw new IllegalArgumentException("the report reads a folder on this machine, not " + dir + ": copy it here"
                + " first, e.g. 'hdfs dfs -get " + dir + " ./" + name + "' (any Hadoop URI, s3a:// too), then 'lskd"
                + " report ./" + name + "'");
    }
}
