package io.lskd.cli;

import io.lskd.bench.NativeInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * When the ND4J native build the launcher chose (e.g. oneDNN AVX-512) fails to load, runs the
 * same command again in a fresh JVM with the portable generic build, after a warning. A JVM
 * cannot retry in place: ND4J's static initialiser has failed for good. Commands that need
 * ND4J load it before touching any file ({@link #requireBackend()}), so nothing is half-done
 * when the retry starts.
 */
final class NativeFallback {

    private static final String EXTENSION = "org.bytedeco.javacpp.platform.extension";
    private static final String RETRIED = "lskd.nativeFallback";

    private NativeFallback() {
    }

    /** Loads ND4J's backend now; a failure surfaces as a {@link LinkageError} for {@link #retry}. */
    static NativeInfo requireBackend() {
        return NativeInfo.current();
    }

    /**
     * Handles a native load failure of the command {@code args}: retries with the generic
     * build if a variant was chosen and not yet retried, else explains. Returns the exit code.
     */
    static int retry(LinkageError error, String[] args) {
        String variant = System.getProperty(EXTENSION, "");
        String cause = rootCause(error);
        if (variant.isEmpty() || Boolean.getBoolean(RETRIED)) {
            System.err.println("lskd: ND4J's native library could not be loaded (" + (variant.isEmpty() ? "generic"
                    : variant.substring(1)) + " build): " + cause);
            return 1;
        }
        System.err.println("lskd: warning: the native build '" + variant.substring(1) + "' failed to load (" + cause
                + "); running again with the portable generic build (set LSKD_NATIVE=generic to skip this)");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String jvmArg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!jvmArg.startsWith("-D" + EXTENSION + "=")) {
                command.add(jvmArg);
            }
        }
        command.add("-D" + EXTENSION + "=");
        command.add("-D" + RETRIED + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            System.err.println("lskd: could not start the generic build: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static String rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == error ? String.valueOf(error.getMessage()) : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
