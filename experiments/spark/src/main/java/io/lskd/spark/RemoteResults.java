package io.lskd.spark;

import io.lskd.run.ResultsFolder;
import io.lskd.run.ResumeMode;
import io.lskd.run.SuiteFolder;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A suite's results folder on a Hadoop file system, as the driver sees it: the runner plans in
 * a local stand-in (a temporary folder, removed at the end) that holds what planning reads,
 * suite.json and each run's result.json or failed.json, copied down here; the tasks write the
 * runs' files to the remote folder themselves ({@link StagedSuite}); the suite folder's own
 * files (suite.json before the runs, summary.md and summary.json after) are sent up from here.
 */
final class RemoteResults implements ResultsFolder {

    private final HadoopFolder remote;
    private final Path local;
    private final Consumer<RemoteResults> onClose;

    /** @param onClose told when this is closed (the executor forgets it) */
    RemoteResults(HadoopFolder remote, Consumer<RemoteResults> onClose) {
        this.remote = remote;
        this.onClose = onClose;
        try {
            this.local = Files.createTempDirectory("lskd-results-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a local folder for the suite's planning: " + e.getMessage(),
                    e);
        }
    }

    /** The local stand-in the runner plans in. */
    Path local() {
        return local;
    }

    /** The remote folder (--out) as the user named it. */
    String uri() {
        return remote.uri();
    }

    @Override
    public Path prepare(SuiteSpec suite, ResumeMode mode, RunListener listener) {
        String name = suite.suite();
        try {
            boolean hasContent = remote.hasContent(name);
            if (mode == ResumeMode.RESUME && !hasContent) {
                throw new IllegalArgumentException("nothing to resume: " + remote.uri(name) + " holds no earlier run"
                        + " of suite '" + name + "'");
            }
            if (hasContent && mode == ResumeMode.FRESH) {
                String kept = name + "-before-" + LocalDateTime.now().withNano(0).toString().replace(':', '-');
                remote.rename(name, kept);
                listener.notice("results of an earlier run of this suite were moved to " + remote.uri(kept));
                hasContent = false;
            }
            if (hasContent) {
                String suiteFile = name + "/" + SuiteFolder.SUITE_FILE;
                if (remote.exists(suiteFile)) {
                    remote.download(suiteFile, local.resolve(suiteFile));
                }
                SuiteFolder.requireSameDefinition(local.resolve(suiteFile), suite, remote.uri(name));
                // what the runner decides by: which runs finished or failed (checkpoints and models stay remote)
                for (String file : remote.files(name)) {
                    String fileName = SuiteFiles.fileName(file);
                    if (fileName.equals(SuiteFiles.RESULT) || fileName.equals(SuiteFiles.FAILED)) {
                        remote.download(file, local.resolve(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results folder " + remote.uri(name) + ": " + e.getMessage(),
                    e);
        }
        listener.notice("results go to " + remote.uri(name) + ", written by the Spark tasks; this driver plans in a"
                + " local copy of each run's state (" + local + ")");
        return local;
    }

    /** Sends up the files at the top of the suite's local folder: suite.json, and after the runs the summaries. */
    @Override
    public void publish(SuiteSpec suite) {
        Path suiteDir = local.resolve(suite.suite());
        try (Stream<Path> files = Files.list(suiteDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = suite.suite() + "/" + file.getFileName();
                if (SuiteFiles.isResult(name)) {
                    remote.replace(file, name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to " + remote.uri(suite.suite()) + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String suiteFolder(SuiteSpec suite) {
        return remote.uri(suite.suite());
    }

    /** Removes the local stand-in and closes the file system client; the results stay in the remote folder. */
    @Override
    public void close() {
        onClose.accept(this);
        try {
            SuiteFiles.deleteLocal(local);
        } finally {
            remote.close();
        }
    }

}
