package io.lskd.files;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a whole file so that a reader, after any crash (kill -9, power loss, a full disk),
 * finds the old file or the new one, never half of one: the content goes to
 * {@code <name>.tmp}, is synced, renamed over the target, and the folder is synced so that
 * the rename itself is on disk. A failed write removes its temporary file, leaves the target
 * as it was and names the path in its error.
 */
public final class AtomicFiles {

    /** The suffix of files being written; a crash may leave one behind, which is never read. */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a whole file at a path it is given (for libraries that write files themselves). */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code file} atomically. */
    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /**
     * Writes {@code file} atomically from {@code content}, creating missing parent folders.
     *
     * @throws UncheckedIOException naming {@code file} and the cause (e.g. "No space left on device")
     */
    public static void write(Path file, Content content) {
        writeFile(file, tmp -> {
            try (OutputStream out = new BufferedOutputStream(new FileOutputStream(tmp.toFile()), 1 << 16)) {
                content.writeTo(out);
            }
        });
    }

    /** As {@link #write(Path, Content)}, for content that a library writes to a path of its own. */
    public static void writeFile(Path file, FileContent content) {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
        try {
            Files.createDirectories(target.getParent());
            content.writeTo(tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(target.getParent());
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw new UncheckedIOException("could not write " + file + ": " + reason(e), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp, e);
            throw e;
        }
    }

    /** Makes renames and deletions in {@code folder} durable (a no-op where folders cannot be opened). */
    public static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // some platforms cannot open a folder for reading; the rename is still atomic there
        }
    }

    /** The cause in words: the message, else the exception's name (NoSuchFileException has only a path). */
    public static String reason(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fse) {
            String why = fse.getReason();
            return e.getClass().getSimpleName() + (why == null ? "" : ": " + why)
                    + (fse.getFile() == null ? "" : " (" + fse.getFile() + ")");
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static void deleteQuietly(Path tmp, Exception cause) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }
}
