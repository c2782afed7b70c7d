package io.lskd.run;

/** Another process holds the lock of a results folder; the message names the folder and the holder. */
public final class FolderInUseException extends RuntimeException {
    public FolderInUseException(String message) {
        super(message);
    }
}
