package io.lskd.run;

import io.lskd.config.CanonicalJson;
import io.lskd.spi.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of one run, {@code <suite>/[<variant>/]<arm>_s<seed>_<first 12 hex of the run id>/}:
 * spec.json (canonical RunSpec), provenance.json, metrics.jsonl, checkpoints/, model.sd,
 * result.json (last: its presence marks the run finished) or failed.json (a run that diverged),
 * and .lock. Whole files are written atomically, so each is complete or absent.
 */
final class RunFolder {

    private final Path folder;

    RunFolder(Path suiteDir, RunSpec spec) {
        this.folder = suiteDir.resolve(spec.arm().name() + "_s" + spec.seed() + "_"
                + CanonicalJson.sha256(spec).substring(0, 12));
    }

    Path folder() {
        return folder;
    }

    Path lockFile() {
        return folder.resolve(".lock");
    }

    Path metricsLog() {
        return folder.resolve("metrics.jsonl");
    }

    Path checkpointFolder() {
        return folder.resolve("checkpoints");
    }

    Path provenanceFile() {
        return folder.resolve("provenance.json");
    }

    Path modelFile() {
        return folder.resolve("model.sd");
    }

    private Path resultFile() {
        return folder.resolve("result.json");
    }

    private Path failureFile() {
        return folder.resolve("failed.json");
    }

    boolean isFinished() {
        return Files.isRegularFile(resultFile());
    }

    boolean hasFailed() {
        return Files.isRegularFile(failureFile());
    }

    RunResult readResult() {
        try {
            return JsonFiles.MAPPER.readValue(resultFile().toFile(), RunResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the earlier result " + resultFile() + ": " + e.getMessage()
                    + "; move it away to train the run again", e);
        }
    }

    /** Why the run failed, from failed.json. */
    String readFailure() {
        try {
            return JsonFiles.MAPPER.readTree(failureFile().toFile()).path("reason").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + failureFile() + ": " + e.getMessage(), e);
        }
    }

    void writeSpec(String canonicalJson) {
        JsonFiles.writeText(folder.resolve("spec.json"), canonicalJson + "\n");
    }

    void writeFailure(String runName, String runId, int epoch, int step, String reason) {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("run", runName);
        failure.put("runId", runId);
        failure.put("epoch", epoch);
        failure.put("step", step);
        failure.put("reason", reason);
        JsonFiles.write(failureFile(), failure);
    }

    void saveModel(TrainedModel model) {
        try {
            model.save(modelFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + modelFile() + ": " + e.getMessage(), e);
        }
    }

    void writeResult(RunResult result) {
        JsonFiles.write(resultFile(), result);
    }
}
