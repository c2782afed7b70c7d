package io.lskd.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * State learnt during training beside a model's parameters, which a resumed or re-used run
 * must restore to continue exactly (e.g. online label smoothing's soft-label matrix).
 */
public interface SavableState {

    /** Writes the whole state to {@code file} (replacing it). */
    void save(Path file) throws IOException;

    /**
     * Replaces this object's state by the one saved in {@code file}.
     *
     * @throws IOException when the file is missing, unreadable or does not fit this object;
     *     the message names the file
     */
    void restore(Path file) throws IOException;
}
