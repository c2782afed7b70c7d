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

    /** Ragged sequences, an empty one and large ids included. */
    private static final int[][] SEQUENCES = {{5, 9, 2}, {}, {7}, {Integer.MAX_VALUE, 0, 3, 3}};

    private static Supplier<int[][]> countingSequences(AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            return SEQUENCES;
        };
    }

    @Test
    void sequencesAreComputedOnceThenReadBackExactly() {
        AtomicInteger calls = new AtomicInteger();
        int[][] first = new TeacherOutputCache(tmp).sequences("teacher", "data", "beam 4", countingSequences(calls));
        int[][] second = new TeacherOutputCache(tmp).sequences("teacher", "data", "beam 4", countingSequences(calls));
        assertEquals(1, calls.get());
        assertEquals(SEQUENCES.length, second.length);
        for (int i = 0; i < SEQUENCES.length; i++) {
            assertArrayEquals(SEQUENCES[i], first[i]);
            assertArrayEquals(SEQUENCES[i], second[i]);
        }
    }

    @Test
    void logitsAndSequencesOfOneKeyAreSeparateEntries() {
        AtomicInteger logitCalls = new AtomicInteger();
        AtomicInteger sequenceCalls = new AtomicInteger();
        TeacherOutputCache cache = new TeacherOutputCache(tmp);
        cache.logits("teacher", "data", "train", counting(logitCalls));
        cache.sequences("teacher", "data", "train", countingSequences(sequenceCalls));
        assertArrayEquals(LOGITS[0], cache.logits("teacher", "data", "train", counting(logitCalls))[0]);
        assertArrayEquals(SEQUENCES[3],
                cache.sequences("teacher", "data", "train", countingSequences(sequenceCalls))[3]);
        assertEquals(1, logitCalls.get());
        assertEquals(1, sequenceCalls.get());
        cache.sequences("teacher", "data", "beam 2", countingSequences(sequenceCalls));
        assertEquals(2, sequenceCalls.get(), "another transform is another entry");
    }

    @Test
    void aDamagedSequencesEntryIsComputedAgain() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        TeacherOutputCache cache = new TeacherOutputCache(tmp);
        cache.sequences("teacher", "data", "train", countingSequences(calls));
        try (var files = Files.list(tmp)) {
            Path entry = files.filter(p -> p.toString().endsWith(".sequences")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(entry);
            bytes[bytes.length / 2] ^= 1;
            Files.write(entry, bytes);
        }
        assertArrayEquals(SEQUENCES[0], cache.sequences("teacher", "data", "train", countingSequences(calls))[0]);
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
