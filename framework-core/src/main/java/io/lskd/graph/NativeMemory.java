package io.lskd.graph;

import java.util.Collection;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Returns ND4J's native buffers promptly. In M2.1 a SameDiff step allocates fresh native
 * arrays for its intermediates and frees them only when the Java garbage collector finds
 * their owners; with a small Java heap that happens rarely, so native memory grows by
 * gigabytes and every allocation touches new pages, which the kernel must fault in and zero.
 * Measured on a 2-core VM (page faults cost about 15 us there): 34% of the time in memset and
 * 33% in the page-fault handler. A collection after every step plus jemalloc told to keep
 * freed pages (the launcher sets LD_PRELOAD and MALLOC_CONF) took the vision-quick teacher's
 * step from about 1.8 s to 0.6-1.0 s; either alone gained little, because glibc's malloc
 * hands ND4J's large buffers back to the kernel on free.
 *
 * <p>It closes arrays the caller is done with at once, and asks for a collection every
 * {@link #INTERVAL} steps for the intermediates SameDiff does not hand out.
 */
public final class NativeMemory {

    /**
     * Steps between collections ({@code -Dlskd.gcInterval}). Measured with jemalloc, ms a step:
     * the vision-quick teacher 615 (every step) vs 709 (every 4th); the student 71 vs 54 (and 89
     * never). Every step is best for the suite as a whole, whose time the teachers dominate. A
     * rule that collects when the resident set grows did no better than every step.
     */
    static final int INTERVAL = Integer.getInteger("lskd.gcInterval", 1);

    private long steps;

    @SafeVarargs
    public final void release(Collection<INDArray>... done) {
        for (Collection<INDArray> arrays : done) {
            for (INDArray array : arrays) {
                if (array != null && array.closeable()) {
                    array.close();
                }
            }
        }
        if (INTERVAL > 0 && ++steps % INTERVAL == 0) {
            System.gc();
        }
    }
}
