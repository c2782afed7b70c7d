package io.lskd.run;

import io.lskd.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive lock on a results folder, held while a process writes there, so that a second
 * lskd process on the same folder refuses instead of interleaving its writes with the first's.
 * It is an operating-system lock ({@link FileChannel#tryLock}) on a lock file, so it vanishes
 * with its process, even after kill -9: a stale lock file never blocks anyone. The file holds
 * the holder's pid and start time, for the refusal message.
 */
public final class FolderLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code lockFile}, creating it and its folder if needed.
     *
     * @param what what the lock protects, for the message, e.g. "run folder runs/x/teacher_s0_ab12"
     * @throws FolderInUseException when another process (or another part of this one) holds it
     */
    public static FolderLock acquire(Path lockFile, String what) {
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new FolderInUseException(what + " is in use by another lskd process"
                        + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it to finish or stop it (lock file "
                        + lockFile + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new FolderLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException("could not lock " + lockFile + ": " + AtomicFiles.reason(e), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not release a folder lock: " + AtomicFiles.reason(e), e);
        }
    }

    private static void closeQuietly(FileChannel channel, IOException cause) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                cause.addSuppressed(suppressed);
            }
        }
    }
}
