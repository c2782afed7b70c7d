package io.lskd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The process's peak resident set size as the Linux kernel keeps it ({@code VmHWM} in
 * {@code /proc/self/status}): every page the JVM, its heap and ND4J's native buffers ever
 * held at once, which a sample taken between steps can miss. Writing 5 to
 * {@code /proc/self/clear_refs} resets the peak to the current size, so one process can
 * measure several models one after the other. The PyTorch peers read the same figure.
 */
public final class ResidentPeak {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ResidentPeak() {
    }

    /** The peak resident set in bytes, or empty where the kernel does not report it (not Linux). */
    public static OptionalLong bytes() {
        try {
            return parse(Files.readAllLines(STATUS));
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    /** Starts a new peak from the current resident set; false where that is not possible. */
    public static boolean reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The {@code VmHWM} line of a {@code /proc/PID/status} file ("VmHWM:  123456 kB"), in bytes. */
    static OptionalLong parse(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalStateException("unexpected VmHWM line in /proc/self/status: '" + line + "'");
                }
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
            }
        }
        return OptionalLong.empty();
    }
}
