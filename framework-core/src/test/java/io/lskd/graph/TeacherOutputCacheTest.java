package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherOutputCacheTest {

    @TempDir
    Path tmp;

    private static final double[][] LOGITS = {{1.5, -2.25, 1e-300}, {Double.MIN_VALUE, 0.1, -0.0}};

    private static Supplier<double[][]> counting(AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            return LOGITS;
        };
    }

    @Test
    void outputsAreComputedOnceThenReadBackBitForBit() {
        AtomicInteger calls = new AtomicInteger();
        TeacherOutputCache cache = new TeacherOutputCache(tmp);
        double[][] first = cache.logits("teacher", "data", "train", counting(calls));
        double[][] second = new TeacherOutputCache(tmp).logits("teacher", "data", "train", counting(calls));
        assertEquals(1, calls.get());
        for (int i = 0; i < LOGITS.length; i++) {
            assertArrayEquals(LOGITS[i], first[i]);
            assertArrayEquals(LOGITS[i], second[i]);
        }
    }

    @Test
    void anotherTeacherDatasetOrTransformIsAnotherEntry() {
        AtomicInteger calls = new AtomicInteger();
        TeacherOutputCache cache = new TeacherOutputCache(tmp);
        cache.logits("teacher", "data", "train", counting(calls));
        cache.logits("teacher2", "data", "train", counting(calls));
        cache.logits("teacher", "data2", "train", counting(calls));
        cache.logits("teacher", "data", "test", counting(calls));
        assertEquals(4, calls.get());
    }

    @Test
    void aDamagedEntryIsComputedAgain() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        TeacherOutputCache cache = new TeacherOutputCache(tmp);
        cache.logits("teacher", "data", "train", counting(calls));
        try (var files = Files.list(tmp)) {
            Path entry = files.filter(p -> p.toString().endsWith(".logits")).findFirst().orElseThrow();
            Files.write(entry, new byte[] {1, 2, 3});
        }
        assertArrayEquals(LOGITS[1], cache.logits("teacher", "data", "train", counting(calls))[1]);
        assertEquals(2, calls.get());
    }

    /**
     * Processes sharing the cache (tasks of a cluster executor) serialise on an operating-system
     * lock beside each entry; it is released after the entry is read or written, else the next
     * process (or this one, on its next call) would wait forever.
     */
    @Test
    void theLockBesideAnEntryIsReleasedOnceTheEntryIsStored() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        new TeacherOutputCache(tmp).logits("teacher", "data", "train", counting(calls));
        Path lockFile;
        try (var files = Files.list(tmp)) {
            lockFile = files.filter(p -> p.toString().endsWith(".logits.lock")).findFirst().orElseThrow();
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = channel.tryLock()) {
            assertNotNull(lock, "the entry's lock is free again");
        }
        new TeacherOutputCache(tmp).logits("teacher", "data", "train", counting(calls));
        assertEquals(1, calls.get());
    }
}
