package io.lskd.run;

/** The suite stopped on request (Ctrl-C); the message says where the interrupted run can continue from. */
public final class RunInterruptedException extends RuntimeException {
    public RunInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
