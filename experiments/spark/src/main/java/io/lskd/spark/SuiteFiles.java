package io.lskd.spark;

import io.lskd.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The names in a suite's folder that staging treats apart (the layout is
 * {@link io.lskd.run.SuiteRunner}'s and {@code RunFolder}'s: README "Results and provenance").
 */
final class SuiteFiles {

    /** A run's last file: its presence marks the run finished. */
    static final String RESULT = "result.json";
    /** A run that diverged; also written last. */
    static final String FAILED = "failed.json";
    /** Updated at every checkpoint; uploaded after the checkpoint it describes. */
    static final String PROVENANCE = "provenance.json";
    /** A run's checkpoints, each written once under its own name; all but the newest two are pruned. */
    static final String CHECKPOINTS = "checkpoints";
    /** The suite's cache of teachers' outputs, shared by the students of a teacher. */
    static final String TEACHER_OUTPUTS = "teacher-outputs";

    private SuiteFiles() {
    }

    /** The file name of a '/'-separated name. */
    static String fileName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /**
     * Whether a file belongs in the results: not a lock file (an operating-system lock, which
     * means nothing on another machine) and not a temporary file of an unfinished write.
     */
    static boolean isResult(String name) {
        String file = fileName(name);
        return !file.endsWith(".lock") && !file.endsWith(AtomicFiles.TEMPORARY_SUFFIX);
    }

    /** Deletes a local folder and everything in it, if it exists. */
    static void deleteLocal(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the local copy " + folder + ": " + AtomicFiles.reason(e),
                    e);
        }
    }
}
