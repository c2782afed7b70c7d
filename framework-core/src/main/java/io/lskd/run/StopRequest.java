package io.lskd.run;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop a suite cleanly, set from a signal handler (Ctrl-C) and read by the
 * training loop after each step: the run in progress writes a checkpoint and the suite stops.
 */
public final class StopRequest {

    private final AtomicBoolean requested = new AtomicBoolean();

    /** Asks to stop; returns whether this was the first request. */
    public boolean request() {
        return requested.compareAndSet(false, true);
    }

    public boolean requested() {
        return requested.get();
    }
}
