package io.lskd.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.lskd.files.AtomicFiles;
import io.lskd.spi.RunListener;
import io.lskd.spi.TrainingMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's side of one run's training: forwards progress to the listener, appends each
 * epoch's line to metrics.jsonl, names the checkpoint folder and the teacher-output cache,
 * passes on a stop request, and records attempts and kept work in provenance.json.
 *
 * <p>metrics.jsonl stays consistent across kills: before the line of epoch e is appended,
 * lines of epoch e or later (left by an attempt killed after reporting an epoch but before its
 * checkpoint) and a torn last line are dropped, so the file always holds one line per epoch.
 */
final class RunMonitor implements TrainingMonitor {

    private final String runName;
    private final RunFolder run;
    private final Path teacherOutputs;
    private final ProvenanceLog provenance;
    private final RunListener listener;
    private final StopRequest stop;

    RunMonitor(String runName, RunFolder run, Path teacherOutputs, ProvenanceLog provenance, RunListener listener,
               StopRequest stop) {
        this.runName = runName;
        this.run = run;
        this.teacherOutputs = teacherOutputs;
        this.provenance = provenance;
        this.listener = listener;
        this.stop = stop;
    }

    @Override
    public void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize) {
        listener.step(runName, epoch, step, loss, batchSize);
    }

    @Override
    public void notice(String message) {
        listener.notice("  " + runName + ": " + message);
    }

    @Override
    public void epochEnded(int epoch, Map<String, Double> metrics) {
        keepLinesBefore(epoch);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", epoch);
        line.putAll(metrics);
        line.put("seconds", provenance.seconds());
        JsonFiles.appendLine(run.metricsLog(), line);
        listener.epochEnded(runName, epoch, metrics);
    }

    @Override
    public Path checkpointFolder() {
        return run.checkpointFolder();
    }

    @Override
    public Path teacherOutputFolder() {
        return teacherOutputs;
    }

    @Override
    public boolean stopRequested() {
        return stop.requested();
    }

    @Override
    public void startingAt(int epoch, int step) {
        provenance.startingAt(epoch, step);
        if (epoch != 1 || step != 0) {
            listener.runResumed(runName, epoch, step);
        }
    }

    @Override
    public void checkpointWritten(int epoch, int step) {
        provenance.kept();
        listener.checkpointWritten(runName, epoch, step);
    }

    /** Rewrites metrics.jsonl without lines of epoch {@code epoch} or later and without torn lines. */
    private void keepLinesBefore(int epoch) {
        Path log = run.metricsLog();
        if (!Files.exists(log)) {
            return;
        }
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < lines.length - 1; i++) { // the part after the last newline is torn or empty
                JsonNode node = parse(lines[i]);
                if (node != null && node.path("epoch").asInt(Integer.MAX_VALUE) < epoch) {
                    kept.add(lines[i]);
                }
            }
            boolean clean = kept.size() == lines.length - 1 && lines[lines.length - 1].isEmpty();
            if (!clean) {
                JsonFiles.writeText(log, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + log + ": " + AtomicFiles.reason(e), e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JsonFiles.MAPPER.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }
}
