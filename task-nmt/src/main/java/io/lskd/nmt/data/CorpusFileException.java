package io.lskd.nmt.data;

import java.io.IOException;
import java.nio.file.Path;

/** A corpus file that is missing, unreadable or malformed; the message names the file and the line. */
public final class CorpusFileException extends IOException {

    public CorpusFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public CorpusFileException(Path file, long line, String problem) {
        super(file + ", line " + line + ": " + problem);
    }
}
