package io.lskd.graph;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the memory allocator's free pages back to the kernel. The launcher preloads jemalloc
 * told to keep freed pages forever ({@code dirty_decay_ms:-1}), which makes training 2-3x
 * faster than returning them. But jemalloc reuses kept pages poorly when the sizes of the
 * buffers change: a binary student (reactnet-small, batch 128) alternating full training
 * batches, the epoch's partial batch and held-out batches of 250 grew by about 600 MB per
 * epoch, 4.2 to 7.3 GB over five epochs, while its live buffers stayed near 1.1 GB (a
 * throwaway harness on the 2-core VM, 2026-11-30); binary-kd passed the 12 GB limit that way.
 * Trainers call {@link #release} once per epoch, after the held-out evaluation and the
 * checkpoint: the same harness then peaked at 4.6 GB in every epoch, and the purge took
 * 0.03-0.18 s plus the page faults of the next steps (within the noise of 20 steps).
 *
 * <p>It calls jemalloc's {@code mallctl("arena.<all>.purge")} through JNA; without jemalloc
 * (another allocator, or {@code LSKD_JEMALLOC} empty) there is nothing to purge and it does
 * nothing.
 */
public final class FreePages {

    private static final Logger LOG = LoggerFactory.getLogger(FreePages.class);
    /** jemalloc's MALLCTL_ARENAS_ALL: the purge applies to every arena. */
    private static final String PURGE_ALL_ARENAS = "arena.4096.purge";
    private static final Function MALLCTL = lookUp();

    private FreePages() {
    }

    private static Function lookUp() {
        try {
            return NativeLibrary.getProcess().getFunction("mallctl");
        } catch (LinkageError e) { // no jemalloc, or JNA's own library could not be loaded
            LOG.debug("jemalloc's mallctl is not reachable, so free pages are not purged: {}", e.toString());
            return null;
        }
    }

    /** Whether jemalloc is loaded, so that {@link #release} can return pages. */
    public static boolean available() {
        return MALLCTL != null;
    }

    /**
     * Collects (ND4J frees a native buffer only when the collector finds its owner), then returns
     * every page jemalloc holds free to the kernel.
     *
     * @return whether pages were purged (false without jemalloc)
     */
    public static boolean release() {
        if (MALLCTL == null) {
            return false;
        }
        System.gc();
        int status = MALLCTL.invokeInt(new Object[] {PURGE_ALL_ARENAS, null, null, null, 0L});
        if (status != 0) {
            LOG.warn("jemalloc's {} failed with error {}; free pages stay with the process", PURGE_ALL_ARENAS, status);
            return false;
        }
        return true;
    }
}
