package io.lskd.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lskd.config.CanonicalJson;
import io.lskd.files.AtomicFiles;
import io.lskd.spec.SuiteSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Decides what a suite's results folder is for this invocation (README "Resuming, provenance
 * and reproducing runs"):
 * <ul>
 *   <li>absent or empty: a new suite starts there;</li>
 *   <li>holding an earlier run of the same suite definition, apart from its seeds and its
 *       checkpoint interval (neither changes any run's outcome; each run's id includes its
 *       seed): it is continued, finished runs skipped and unfinished ones resumed;</li>
 *   <li>holding a different definition: refused, naming the first difference, unless the
 *       invocation asks for a fresh start, which moves the folder aside to
 *       {@code <suite>-before-<time>} (never deleting results).</li>
 * </ul>
 */
public final class SuiteFolder {

    /** The suite's definition as run, canonical JSON, at the top of its folder. */
    public static final String SUITE_FILE = "suite.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SuiteFolder() {
    }

    /**
     * Readies {@code suiteDir} for {@code suite}; the caller holds the suite's lock.
     *
     * @return whether earlier results are continued
     * @throws SuiteMismatchException when the folder holds a different suite and mode is not FRESH
     * @throws IllegalArgumentException when mode is RESUME and there is nothing to resume
     */
    static boolean prepare(Path suiteDir, SuiteSpec suite, ResumeMode mode, io.lskd.spi.RunListener listener) {
        boolean hasContent = hasContent(suiteDir);
        if (mode == ResumeMode.RESUME && !hasContent) {
            throw new IllegalArgumentException("nothing to resume: " + suiteDir + " holds no earlier run of suite '"
                    + suite.suite() + "'");
        }
        if (hasContent && mode == ResumeMode.FRESH) {
            moveAside(suiteDir, listener);
            hasContent = false;
        }
        if (hasContent) {
            requireSameDefinition(suiteDir.resolve(SUITE_FILE), suite, suiteDir.toString());
        }
        try {
            Files.createDirectories(suiteDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the results folder " + suiteDir + ": "
                    + AtomicFiles.reason(e), e);
        }
        JsonFiles.writeText(suiteDir.resolve(SUITE_FILE), CanonicalJson.toJson(suite) + "\n");
        return hasContent;
    }

    /**
     * Refuses to continue a suite folder that holds no suite.json or one of a different
     * definition of {@code suite} (seeds and checkpoint interval aside).
     *
     * @param earlierFile the folder's suite.json (for a remote folder, a local copy of it, absent when it has none)
     * @param suiteDir the suite's folder as the user named it, for the message: a path or a URI
     * @throws SuiteMismatchException naming the folder and the first difference
     */
    public static void requireSameDefinition(Path earlierFile, SuiteSpec suite, String suiteDir) {
        if (!Files.isRegularFile(earlierFile)) {
            throw new SuiteMismatchException(suiteDir + " exists but holds no " + SUITE_FILE
                    + ", so it is not an lskd suite folder; run with --fresh to move it aside, or choose another"
                    + " --out");
        }
        String difference = firstDifference(read(earlierFile), identity(suite));
        if (difference != null) {
            throw new SuiteMismatchException(suiteDir + " holds an earlier run of a different definition of suite '"
                    + suite.suite() + "' (" + difference + "); run with --fresh to move it aside to "
                    + suite.suite() + "-before-<time>/ and start again, or choose another --out");
        }
    }

    /** The parts of a suite's canonical JSON that decide its runs' outcomes, as a whole. */
    static JsonNode identity(SuiteSpec suite) {
        return normalise(read(CanonicalJson.toJson(suite)));
    }

    private static JsonNode normalise(JsonNode suite) {
        ObjectNode copy = suite.deepCopy();
        copy.remove("seeds");
        if (copy.get("training") instanceof ObjectNode training) {
            training.remove("checkpointSteps");
        }
        return copy;
    }

    private static JsonNode read(Path file) {
        try {
            return normalise(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new SuiteMismatchException("cannot read the earlier " + file + " (" + e.getMessage()
                    + "); run with --fresh to move its folder aside, or choose another --out");
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("canonical JSON does not parse", e);
        }
    }

    /** The first JSON path at which the trees differ, with both values; null when equal. */
    static String firstDifference(JsonNode earlier, JsonNode now) {
        return difference("$", earlier, now);
    }

    private static String difference(String path, JsonNode earlier, JsonNode now) {
        if (earlier.equals(now)) {
            return null;
        }
        if (earlier.isObject() && now.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            earlier.fieldNames().forEachRemaining(keys::add);
            now.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode a = earlier.get(key);
                JsonNode b = now.get(key);
                if (a == null || b == null) {
                    return path + "." + key + ": " + (a == null ? "absent" : a) + " before, " + (b == null ? "absent" : b)
                            + " now";
                }
                String inner = difference(path + "." + key, a, b);
                if (inner != null) {
                    return inner;
                }
            }
        }
        if (earlier.isArray() && now.isArray() && earlier.size() == now.size()) {
            Iterator<JsonNode> a = earlier.elements();
            Iterator<JsonNode> b = now.elements();
            for (int i = 0; a.hasNext(); i++) {
                String inner = difference(path + "[" + i + "]", a.next(), b.next());
                if (inner != null) {
                    return inner;
                }
            }
        }
        return path + ": " + earlier + " before, " + now + " now";
    }

    private static boolean hasContent(Path suiteDir) {
        if (!Files.isDirectory(suiteDir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(suiteDir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + suiteDir + ": " + AtomicFiles.reason(e), e);
        }
    }

    private static void moveAside(Path suiteDir, io.lskd.spi.RunListener listener) {
        String stamp = LocalDateTime.now().withNano(0).toString().replace(':', '-');
        Path kept = suiteDir.resolveSibling(suiteDir.getFileName() + "-before-" + stamp);
        try {
            Files.move(suiteDir, kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + suiteDir + " aside to " + kept + ": "
                    + AtomicFiles.reason(e), e);
        }
        listener.notice("results of an earlier run of this suite were moved to " + kept);
    }
}
