package io.lskd.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.files.AtomicFiles;
import io.lskd.plugin.Registry;
import io.lskd.run.DetachedRuns;
import io.lskd.run.RunRef;
import io.lskd.spec.SuiteSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A suite whose results folder is on a Hadoop file system, as the tasks of one executor JVM
 * train its runs: {@link DetachedRuns} trains each run in a local copy of the folder, in Spark's
 * scratch space, exactly as on a shared disk. Before a run trains, this copies down its folder
 * (spec, checkpoints, metrics and provenance so far), and for a student its teacher's finished
 * folder without checkpoints and the cached outputs of that teacher; {@link StagedRun} sends
 * the run's files up as it goes. Thread-safe: the tasks of an executor share it.
 */
final class StagedSuite {

    private static final Logger LOG = LoggerFactory.getLogger(StagedSuite.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HadoopFolder remote;
    private final Path local;
    private final DetachedRuns runs;
    private final String outputs;
    /** Teacher-output entries known to be on both sides. */
    private final Set<String> sharedOnBoth = ConcurrentHashMap.newKeySet();
    /** The teacher fingerprint in each remote teacher-output entry's header, read once. */
    private final Map<String, String> entryTeacher = new ConcurrentHashMap<>();
    /** Held while copying a teacher's files or the shared outputs, which several tasks of this JVM may want at once. */
    private final Object shared = new Object();

    /**
     * @param local an empty local folder that stands for the remote one (--out)
     */
    StagedSuite(HadoopFolder remote, Path local, Registry registry, SuiteSpec suite) {
        this.remote = remote;
        this.local = local;
        this.runs = new DetachedRuns(registry, suite, local);
        this.outputs = suite.suite() + "/" + SuiteFiles.TEACHER_OUTPUTS;
    }

    DetachedRuns runs() {
        return runs;
    }

    HadoopFolder remote() {
        return remote;
    }

    /** A run's folder as a '/'-separated name inside the results folder. */
    String name(RunRef run) {
        return local.relativize(runs.folder(run)).toString().replace(File.separatorChar, '/');
    }

    /**
     * Copies down what training {@code run} needs, replacing any local copy: its own folder (only
     * its result.json or failed.json once it has one) and, for a student, its teacher's.
     */
    StagedRun stage(RunRef run) throws IOException {
        String name = name(run);
        Path folder = local.resolve(name);
        SuiteFiles.deleteLocal(folder);
        List<String> files = remote.files(name);
        List<String> markers = files.stream().filter(f -> f.equals(name + "/" + SuiteFiles.RESULT)
                || f.equals(name + "/" + SuiteFiles.FAILED)).toList();
        List<String> copied = new ArrayList<>();
        for (String file : markers.isEmpty() ? files : markers) {
            if (SuiteFiles.isResult(file)) {
                remote.download(file, local.resolve(file));
                copied.add(file);
            } else if (file.endsWith(AtomicFiles.TEMPORARY_SUFFIX)) {
                remote.delete(file); // left by an attempt that died while sending; nothing else writes this run now
            }
        }
        RunRef teacher = runs.teacher(run);
        if (teacher != null) {
            stageTeacher(teacher);
        }
        return new StagedRun(this, name, folder, copied);
    }

    /**
     * Copies down a finished teacher's folder but its checkpoints, the result last (so that a
     * local result.json means a complete copy), then the cached outputs of that teacher.
     */
    private void stageTeacher(RunRef teacher) throws IOException {
        String name = name(teacher);
        Path folder = local.resolve(name);
        synchronized (shared) {
            Path result = folder.resolve(SuiteFiles.RESULT);
            if (!Files.isRegularFile(result)) {
                SuiteFiles.deleteLocal(folder);
                List<String> last = new ArrayList<>();
                for (String file : remote.files(name)) {
                    if (!SuiteFiles.isResult(file) || file.startsWith(name + "/" + SuiteFiles.CHECKPOINTS + "/")) {
                        continue;
                    }
                    if (file.equals(name + "/" + SuiteFiles.RESULT)) {
                        last.add(file);
                    } else {
                        remote.download(file, local.resolve(file));
                    }
                }
                for (String file : last) {
                    remote.download(file, local.resolve(file));
                }
            }
            if (Files.isRegularFile(result)) {
                stageOutputs(JSON.readTree(result.toFile()).path("modelFingerprint").asText());
            }
        }
    }

    /** Copies down the suite's cached outputs of the teacher with this fingerprint; the caller holds the lock. */
    private void stageOutputs(String teacherFingerprint) throws IOException {
        for (String entry : remote.list(outputs)) {
            if (!SuiteFiles.isResult(entry) || sharedOnBoth.contains(entry)) {
                continue;
            }
            String teacher = entryTeacher.get(entry);
            if (teacher == null) {
                teacher = teacherOf(entry);
                entryTeacher.put(entry, teacher);
            }
            if (teacher.equals(teacherFingerprint)) {
                remote.download(entry, local.resolve(entry));
                sharedOnBoth.add(entry);
            }
        }
    }

    /** The teacher fingerprint in a cached-output entry's header; "" when unreadable (it is then computed again). */
    private String teacherOf(String entry) throws IOException {
        try {
            JsonNode header = JSON.readTree(remote.readArrayHeader(entry));
            return header.path("teacher").asText("");
        } catch (IOException e) {
            if (!remote.exists(entry)) {
                throw e;
            }
            LOG.warn("not using the cached teacher outputs {}: {}", remote.uri(entry), e.getMessage());
            return "";
        }
    }

    /**
     * Sends up the suite's cached teacher outputs that this JVM computed: each is added only
     * if absent, as another task may have computed the same (equal) outputs first.
     */
    void sendOutputs() throws IOException {
        Path folder = local.resolve(outputs);
        if (!Files.isDirectory(folder)) {
            return;
        }
        synchronized (shared) {
            List<Path> entries;
            try (Stream<Path> s = Files.list(folder)) {
                entries = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : entries) {
                String entry = outputs + "/" + file.getFileName();
                if (!SuiteFiles.isResult(entry) || sharedOnBoth.contains(entry)) {
                    continue;
                }
                if (!remote.add(file, entry) && !sameContent(file, entry)) {
                    LOG.warn("{} differs from the teacher outputs this task computed for the same key; keeping the"
                            + " first written (a teacher's outputs are deterministic for a given thread count)",
                            remote.uri(entry));
                }
                sharedOnBoth.add(entry);
            }
        }
    }

    private boolean sameContent(Path file, String entry) throws IOException {
        Path copy = Files.createTempFile(local, "compare-", ".tmp");
        try {
            remote.download(entry, copy);
            return Files.mismatch(file, copy) == -1;
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** Removes the local copy and closes the file system client; the results stay in the remote folder. */
    void close() {
        try {
            SuiteFiles.deleteLocal(local);
        } finally {
            remote.close();
        }
    }
}
