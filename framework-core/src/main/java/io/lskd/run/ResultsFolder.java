package io.lskd.run;

import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The results folder that {@code lskd run --out} names, as the runner sees it. The runner plans
 * a suite, and the command writes its summary, in a local folder: for a path, the folder itself
 * ({@link #local}). A cluster executor may also take a folder elsewhere (the Spark executor: a
 * Hadoop file system URI such as {@code hdfs://nn:8020/runs}); it then lends the runner a local
 * stand-in that holds what planning reads (suite.json, each run's result.json or failed.json),
 * its tasks write the runs' files to the real folder, and {@link #publish} sends up what the
 * command wrote beside them.
 */
public interface ResultsFolder extends AutoCloseable {

    /** {@code scheme:/...}: a scheme of two or more characters, so that a Windows drive (C:\) stays a path. */
    Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/.*");

    /**
     * Readies the suite's folder for this invocation as {@link SuiteRunner} does a local one
     * (--fresh moves it aside, --resume needs it, another definition is refused) and returns the
     * local results folder to run the suite in; the suite's folder is {@code <it>/<suite>}.
     */
    Path prepare(SuiteSpec suite, ResumeMode mode, RunListener listener);

    /** Sends up what the command wrote into the suite's local folder after its runs (summary.md, summary.json). */
    void publish(SuiteSpec suite);

    /** The suite's folder as the user named it, for messages: a path or a URI. */
    String suiteFolder(SuiteSpec suite);

    /** Drops the local stand-in, if any; the results stay where --out named. */
    @Override
    void close();

    /** Whether {@code out} names a URI with a scheme (hdfs://, s3a://, file:///...) rather than a path. */
    static boolean isUri(String out) {
        return URI.matcher(out).matches();
    }

    /** A folder on this machine's file system, where the runner works directly. */
    static ResultsFolder local(Path out) {
        return new ResultsFolder() {
            @Override
            public Path prepare(SuiteSpec suite, ResumeMode mode, RunListener listener) {
                return out; // the runner readies the folder itself
            }

            @Override
            public void publish(SuiteSpec suite) {
            }

            @Override
            public String suiteFolder(SuiteSpec suite) {
                return out.resolve(suite.suite()).toAbsolutePath().toString();
            }

            @Override
            public void close() {
            }
        };
    }
}
