package io.lskd.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's provenance.json, kept up to date while it trains: what the run is (id, seeds, dataset
 * and teacher fingerprints), when it started and finished, and one entry per attempt (each
 * process that worked on it: a first start, then every resume) with its environment
 * ({@link Environment}), where it resumed from, and when it was last known to have kept work
 * (its newest checkpoint, or its end). The run's time is the sum of its attempts' kept time, so a
 * resumed run reports what it cost, not the wall time since the first start.
 */
final class ProvenanceLog {

    private static final Logger LOG = LoggerFactory.getLogger(ProvenanceLog.class);

    private final Path file;
    private final Map<String, Object> content;
    private final List<Map<String, Object>> attempts;
    private final Map<String, Object> current;
    private final Instant currentStart;

    private ProvenanceLog(Path file, Map<String, Object> content, List<Map<String, Object>> attempts) {
        this.file = file;
        this.content = content;
        this.attempts = attempts;
        this.currentStart = Instant.now();
        this.current = new LinkedHashMap<>();
        current.put("started", currentStart.toString());
        current.put("keptUntil", currentStart.toString());
        current.put("environment", Environment.describe());
        attempts.add(current);
        content.putIfAbsent("started", currentStart.toString());
        content.put("attempts", attempts);
    }

    /**
     * Opens the log of a run starting or resuming now, keeping earlier attempts of the same run.
     *
     * @param facts what identifies the run (written at the top of the file)
     */
    static ProvenanceLog begin(Path file, Map<String, Object> facts) {
        Map<String, Object> content = new LinkedHashMap<>();
        List<Map<String, Object>> attempts = new ArrayList<>();
        Map<String, Object> earlier = readEarlier(file);
        if (earlier != null && facts.get("runId").equals(earlier.get("runId"))) {
            if (earlier.get("started") != null) {
                content.put("started", earlier.get("started"));
            }
            if (earlier.get("attempts") instanceof List<?> list) {
                for (Object a : list) {
                    if (a instanceof Map<?, ?> m) {
                        attempts.add(new LinkedHashMap<>(castMap(m)));
                    }
                }
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>(facts);
        ordered.putAll(content);
        ProvenanceLog log = new ProvenanceLog(file, ordered, attempts);
        log.write();
        return log;
    }

    /** Records a fact of this attempt only (e.g. the threads it trained with), beside its environment. */
    void attemptFact(String key, Object value) {
        current.put(key, value);
        write();
    }

    /** This attempt continues from a checkpoint after (epoch, step); (1, 0) is a fresh start. */
    void startingAt(int epoch, int step) {
        if (epoch != 1 || step != 0) {
            current.put("resumedFrom", Map.of("epoch", epoch, "step", step));
        }
        write();
    }

    /** Work up to now is safely kept (a checkpoint was written). */
    void kept() {
        current.put("keptUntil", Instant.now().toString());
        write();
    }

    /** This attempt ended: "finished", "diverged" or "interrupted". */
    void ended(String outcome) {
        current.put("keptUntil", Instant.now().toString());
        current.put("outcome", outcome);
        write();
    }

    /** The run finished: its end time and the trained model's fingerprint. */
    void finished(String modelFingerprint) {
        content.put("finished", Instant.now().toString());
        content.put("modelFingerprint", modelFingerprint);
        ended("finished");
    }

    /** Seconds of kept work: earlier attempts up to their last checkpoint, this one until now. */
    double seconds() {
        double total = 0;
        for (Map<String, Object> a : attempts) {
            if (a != current) {
                total += Duration.between(Instant.parse((String) a.get("started")),
                        Instant.parse((String) a.get("keptUntil"))).toNanos() / 1e9;
            }
        }
        return total + Duration.between(currentStart, Instant.now()).toNanos() / 1e9;
    }

    private void write() {
        JsonFiles.write(file, content);
    }

    private static Map<String, Object> readEarlier(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonFiles.MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            LOG.warn("{} is unreadable ({}); starting its attempt list again", file, e.getMessage());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
