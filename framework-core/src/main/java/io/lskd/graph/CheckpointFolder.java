package io.lskd.graph;

import io.lskd.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's checkpoints: {@code step-<global step>.ckpt}, each written atomically; after a new
 * one is safely on disk, all but the newest {@value #KEEP} are deleted, so a crash at any
 * moment leaves at least one complete checkpoint once the first was written. Reading takes
 * the newest that passes its checksum. Shared by every training loop (the classifier trainer,
 * a task's own), so all of them keep the same files.
 */
public final class CheckpointFolder {

    static final int KEEP = 2;
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFolder.class);
    private static final String PREFIX = "step-";
    private static final String SUFFIX = ".ckpt";

    private final Path folder;

    public CheckpointFolder(Path folder) {
        this.folder = folder;
    }

    /** Writes {@code checkpoint}, then prunes older ones. */
    public void write(TrainingCheckpoint checkpoint) {
        checkpoint.write(folder.resolve(String.format("%s%010d%s", PREFIX, checkpoint.globalStep(), SUFFIX)));
        List<Path> all = checkpoints();
        try {
            for (Path old : all.subList(0, Math.max(0, all.size() - KEEP))) {
                Files.deleteIfExists(old);
            }
            AtomicFiles.syncFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove an old checkpoint in " + folder + ": "
                    + AtomicFiles.reason(e), e);
        }
    }

    /** The newest readable checkpoint; a damaged one is skipped with a warning. */
    public Optional<TrainingCheckpoint> newest() {
        List<Path> all = checkpoints();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(TrainingCheckpoint.read(all.get(i)));
            } catch (IOException e) {
                LOG.warn("skipping an unreadable checkpoint: {}", e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Complete checkpoint files, oldest first (the zero-padded step orders them by name). */
    List<Path> checkpoints() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list checkpoints in " + folder + ": " + AtomicFiles.reason(e), e);
        }
    }
}
