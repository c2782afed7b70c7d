package io.lskd.vision.data;

import java.io.IOException;
import java.util.List;

/**
 * No location holds the requested dataset split (or the name is not known). The message
 * lists every place that was searched, in order, and how to point lskd at the data, since
 * lskd never downloads anything.
 */
public final class DatasetNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    private final List<String> searched;

    /**
     * @param message  the whole user-facing explanation, including the searched places
     * @param searched each place searched, in order
     */
    public DatasetNotFoundException(String message, List<String> searched) {
        super(message);
        this.searched = List.copyOf(searched);
    }

    /** Each place searched, in the order searched. */
    public List<String> searched() {
        return searched;
    }
}
