package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.bench.ResidentPeak;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Surefire preloads jemalloc with the launcher's keep-pages setting (the root pom), so a freed
 * native buffer stays resident until {@link FreePages#release} returns it.
 */
class FreePagesTest {

    private static final long MB = 1024 * 1024;

    @Test
    void releaseReturnsTheKeptPagesOfAFreedBuffer() {
        assertTrue(FreePages.available(), "the tests run with jemalloc preloaded (surefire's LD_PRELOAD)");
        INDArray buffer = Nd4j.create(DataType.FLOAT, 128 * MB); // 512 MB
        buffer.assign(1.0); // touch every page
        buffer.close();
        long kept = residentBytes();
        assertTrue(FreePages.release());
        long after = residentBytes();
        assertTrue(kept - after >= 400 * MB, "resident " + kept / MB + " MB with the freed buffer's pages kept, "
                + after / MB + " MB after release: expected at least 400 MB returned");
    }

    /** The resident set now: the kernel's peak, restarted from the current size. */
    private static long residentBytes() {
        assertTrue(ResidentPeak.reset(), "/proc/self/clear_refs is writable on Linux");
        return ResidentPeak.bytes().orElseThrow();
    }
}
