package io.lskd.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A model a task session trained: opaque to the runner, which can save and identify it. */
public interface TrainedModel {

    /** SHA-256 of the parameters. */
    String fingerprint();

    long parameterCount();

    /** Writes the model (parameters and running statistics) to a file. */
    void save(Path file) throws IOException;

    /**
     * Training state kept beside the parameters (e.g. an adaptive smoother's), by the file name
     * it is saved under in the run folder; none by default.
     */
    default Map<String, SavableState> trainingState() {
        return Map.of();
    }
}
