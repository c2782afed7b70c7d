package io.lskd.bench;

import io.lskd.graph.NativeThreads;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J native build is loaded, and how many OpenMP threads the calling thread uses. */
public record NativeInfo(String backend, String platform, String variant, int threads, String ompNumThreads) {

    /** Reads what is loaded in this JVM (loads the backend if needed). */
    public static NativeInfo current() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        String variant = extension.isEmpty() ? "generic" : extension.substring(1);
        return new NativeInfo(backend, Loader.getPlatform(), variant, NativeThreads.forThisThread(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
    }

    public String describe() {
        return backend + " " + platform + " " + variant + ", " + threads + " threads (OMP_NUM_THREADS "
                + ompNumThreads + ")";
    }
}
