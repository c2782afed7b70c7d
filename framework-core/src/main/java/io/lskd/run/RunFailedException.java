package io.lskd.run;

/** A run could not finish; the message names the run, where its files are and why. */
public final class RunFailedException extends RuntimeException {
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
