package io.lskd.cli;

import io.lskd.run.StopRequest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a suite runs: the first asks the suite to stop cleanly
 * (the run in progress finishes its step, writes a checkpoint, and the process exits with
 * {@value #EXIT_CODE}); a second one exits at once. The JVM's own handlers come back on close.
 * {@code sun.misc.Signal} is the JDK's supported way (module jdk.unsupported) to let the
 * program decide what a signal does instead of running shutdown hooks mid-step.
 */
final class Interrupts implements AutoCloseable {

    /** The shell's convention for a process ended by SIGINT: 128 + 2. */
    static final int EXIT_CODE = 130;
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Interrupts() {
    }

    static Interrupts install(StopRequest stop, PrintStream err) {
        Interrupts interrupts = new Interrupts();
        SignalHandler handler = signal -> {
            if (stop.request()) {
                err.println("\nlskd: stopping after the current step and writing a checkpoint"
                        + " (press Ctrl-C again to stop at once, losing the step's work since the last checkpoint)");
            } else {
                err.println("\nlskd: stopped at once");
                System.exit(EXIT_CODE);
            }
        };
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            interrupts.signals.add(signal);
            interrupts.previous.add(Signal.handle(signal, handler));
        }
        return interrupts;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
