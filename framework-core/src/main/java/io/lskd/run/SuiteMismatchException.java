package io.lskd.run;

/**
 * The results folder holds an earlier run of a different suite definition, which a re-run
 * must not mix with; the message names the first difference and the ways out.
 */
public final class SuiteMismatchException extends IllegalArgumentException {
    public SuiteMismatchException(String message) {
        super(message);
    }
}
