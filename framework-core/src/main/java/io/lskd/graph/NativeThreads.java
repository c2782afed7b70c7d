package io.lskd.graph;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Thread budgets of ND4J's native code. libnd4j runs its own loops on a pool sized by its
 * environment (global to the process) and oneDNN's kernels on OpenMP, whose thread count
 * {@code omp_set_num_threads} sets for the calling thread only. So concurrent runs in one
 * process each call {@link #useForThisThread(int)} from their own thread.
 */
public final class NativeThreads {

    private NativeThreads() {
    }

    /** Limits the OpenMP threads of native calls made from the current thread. */
    public static void useForThisThread(int threads) {
        check(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /** Limits libnd4j's own loop threads, for the whole process. */
    public static void useForProcess(int threads) {
        check(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    /** libnd4j's own loop threads, for the whole process. */
    public static int forProcess() {
        return Nd4j.getEnvironment().maxThreads();
    }

    /** OpenMP threads available to native calls from the current thread. */
    public static int forThisThread() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    private static void check(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
    }
}
