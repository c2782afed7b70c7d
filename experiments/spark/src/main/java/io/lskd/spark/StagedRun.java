package io.lskd.spark;

import io.lskd.run.RunFailure;
import io.lskd.run.RunOutcome;
import io.lskd.spi.RunListener;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * One run's files on their way from the executor's local copy to the suite's remote folder,
 * sent whenever the run has kept work: when it starts (spec.json, provenance.json naming this
 * attempt), after each checkpoint, and when it ends. The order keeps the remote folder a state
 * to resume from whenever a task dies while sending, so that a retry (on any machine) continues
 * from the newest checkpoint that is complete there:
 * <ol>
 *   <li>the files that changed, but those below: metrics.jsonl before the checkpoint it goes
 *       with, so a resumed run never lacks an epoch's line (a line too many is dropped when
 *       the run resumes, as after a kill);</li>
 *   <li>new checkpoints, each complete or absent;</li>
 *   <li>provenance.json, whose kept time then covers no more than the checkpoints up;</li>
 *   <li>removal of the checkpoints pruned locally, once newer ones are up;</li>
 *   <li>new cached teacher outputs of the suite ({@link StagedSuite#sendOutputs});</li>
 *   <li>at the end, result.json or failed.json, so that a run counts as finished only once
 *       all its files are there.</li>
 * </ol>
 */
final class StagedRun implements RunListener {

    private final StagedSuite suite;
    private final String name;
    private final Path folder;
    /** What each file held (its size and CRC-32C) when last sent or copied down. */
    private final Map<String, String> sent = new HashMap<>();

    /**
     * @param name the run's folder inside the results folder ('/'-separated)
     * @param folder its local copy
     * @param copied the files just copied down into it
     */
    StagedRun(StagedSuite suite, String name, Path folder, List<String> copied) throws IOException {
        this.suite = suite;
        this.name = name;
        this.folder = folder;
        for (String file : copied) {
            sent.put(file, version(folder.resolve(file.substring(name.length() + 1))));
        }
    }

    @Override
    public void runStarted(String runName, int epochs, int stepsPerEpoch) {
        send(false);
    }

    @Override
    public void checkpointWritten(String runName, int epoch, int step) {
        send(false);
    }

    /**
     * Trains the run and sends its files up: all of them, the end marker last, when it ends
     * (finished, diverged, or skipped); what it kept when it stops otherwise (a stop request,
     * a failure), before the failure goes on to Spark.
     *
     * @return the outcome, with a failed run's folder named by its remote URI
     */
    RunOutcome train(Supplier<RunOutcome> training) {
        RunOutcome outcome;
        try {
            outcome = training.get();
        } catch (RuntimeException e) {
            try {
                send(false);
            } catch (RuntimeException notSent) {
                e.addSuppressed(notSent);
            }
            throw e;
        }
        send(true);
        // the checkpoints are up; a student of this run in this JVM needs only the rest
        SuiteFiles.deleteLocal(folder.resolve(SuiteFiles.CHECKPOINTS));
        RunFailure failure = outcome.failure();
        return failure == null ? outcome : new RunOutcome(outcome.run(), null,
                new RunFailure(failure.run(), suite.remote().uri(name), failure.reason()), outcome.trainedNow());
    }

    /** Sends the files that changed since they were last sent, in the order of the class comment. */
    private synchronized void send(boolean ended) {
        HadoopFolder remote = suite.remote();
        try {
            Map<String, Path> files = localFiles();
            String checkpoints = name + "/" + SuiteFiles.CHECKPOINTS + "/";
            String provenance = name + "/" + SuiteFiles.PROVENANCE;
            Set<String> markers = Set.of(name + "/" + SuiteFiles.RESULT, name + "/" + SuiteFiles.FAILED);
            List<String> order = new ArrayList<>();
            files.keySet().stream().filter(f -> !f.startsWith(checkpoints) && !f.equals(provenance)
                    && !markers.contains(f)).sorted().forEach(order::add);
            files.keySet().stream().filter(f -> f.startsWith(checkpoints)).sorted().forEach(order::add);
            if (files.containsKey(provenance)) {
                order.add(provenance);
            }
            for (String file : order) {
                if (!(file.startsWith(checkpoints) && sent.containsKey(file))) { // a checkpoint never changes
                    sendIfChanged(remote, file, files.get(file));
                }
            }
            Set<String> localCheckpoints = new HashSet<>();
            files.keySet().stream().filter(f -> f.startsWith(checkpoints)).forEach(localCheckpoints::add);
            if (!localCheckpoints.isEmpty()) {
                for (String old : remote.list(name + "/" + SuiteFiles.CHECKPOINTS)) {
                    if (SuiteFiles.isResult(old) && !localCheckpoints.contains(old)) {
                        remote.delete(old);
                    }
                }
            }
            suite.sendOutputs();
            if (ended) {
                for (String marker : markers.stream().sorted().toList()) {
                    if (files.containsKey(marker)) {
                        sendIfChanged(remote, marker, files.get(marker));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not send the files of run folder " + name + " to "
                    + remote.uri(name) + ": " + e, e);
        }
    }

    private void sendIfChanged(HadoopFolder remote, String file, Path path) throws IOException {
        String version = version(path);
        if (!version.equals(sent.get(file))) {
            remote.replace(path, file);
            sent.put(file, version);
        }
    }

    /** The run's local files that belong in the results, by their names inside the results folder. */
    private Map<String, Path> localFiles() throws IOException {
        Map<String, Path> out = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String file = name + "/" + folder.relativize(p).toString().replace(File.separatorChar, '/');
                if (SuiteFiles.isResult(file)) {
                    out.put(file, p);
                }
            }
        }
        return out;
    }

    /**
     * A file's content in short: files are rewritten whole, often within the same second and at
     * the same size (provenance.json), so modification times would miss changes.
     */
    private static String version(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                crc.update(buffer, 0, n);
            }
        }
        return size + ":" + Long.toHexString(crc.getValue());
    }
}
