package io.lskd.vision.data;

import java.io.IOException;

/**
 * A dataset file is missing, unreadable or malformed. The message always starts with the
 * file (or resource) and then says what is wrong, so a user can fix the file without reading
 * the code.
 */
public final class DatasetFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * @param file    the file or resource at fault, as the user would recognise it
     * @param problem what is wrong with it and, where known, what was expected
     */
    public DatasetFileException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** Same, keeping the low-level cause (an I/O or decompression error). */
    public DatasetFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file or resource at fault. */
    public String file() {
        return file;
    }
}
