package io.lskd.metrics;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A problem with the content of an input file, located by file and line: the message reads
 * {@code "<file>:<line>: <problem>"} (or {@code "<file>: <problem>"} when no single line is to
 * blame), the form editors and terminals recognise, so the user can go straight to it.
 */
public final class InputFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /**
     * @param file the file at fault
     * @param line its 1-based line number, or 0 when the problem is not on one line
     * @param problem what is wrong
     */
    public InputFormatException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line number, or 0 when the problem is not on one line. */
    public long line() {
        return line;
    }
}
