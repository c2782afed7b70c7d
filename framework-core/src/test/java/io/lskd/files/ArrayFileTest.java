package io.lskd.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrayFileTest {

    @TempDir
    Path tmp;

    private static Map<String, ArrayFile.Array> sample() {
        SplittableRandom random = new SplittableRandom(1);
        float[] floats = new float[20_000]; // more than one conversion chunk
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) random.nextGaussian();
        }
        floats[3] = -0.0f;
        floats[4] = Float.intBitsToFloat(0x7fc00123); // a NaN with a payload
        Map<String, ArrayFile.Array> arrays = new LinkedHashMap<>();
        arrays.put("w/conv", ArrayFile.Array.of(new long[] {100, 200}, floats));
        arrays.put("count", ArrayFile.Array.of(new long[] {2}, new double[] {Math.PI, 9.007199254740991E15}));
        return arrays;
    }

    @Test
    void arraysRoundTripBitForBit() throws IOException {
        Path file = tmp.resolve("a.bin");
        ArrayFile.write(file, "{\"k\":1}", sample());
        ArrayFile.Contents back = ArrayFile.read(file);
        assertEquals("{\"k\":1}", back.header());
        assertEquals(sample().keySet(), back.arrays().keySet());
        float[] expected = sample().get("w/conv").floats();
        float[] actual = back.arrays().get("w/conv").floats();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "value " + i);
        }
        assertArrayEquals(new long[] {100, 200}, back.arrays().get("w/conv").shape());
        assertArrayEquals(sample().get("count").doubles(), back.arrays().get("count").doubles());
    }

    @Test
    void aDamagedOrTruncatedFileIsRejectedWithItsName() throws IOException {
        Path file = tmp.resolve("a.bin");
        ArrayFile.write(file, "h", sample());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        IOException damaged = assertThrows(IOException.class, () -> ArrayFile.read(file));
        assertTrue(damaged.getMessage().contains(file.toString()) && damaged.getMessage().contains("checksum"),
                damaged.getMessage());
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 40));
        assertThrows(IOException.class, () -> ArrayFile.read(file));
    }

    @Test
    void aFailedWriteLeavesTheEarlierFileIntactAndNoTemporaryFile() throws IOException {
        Path file = tmp.resolve("result.json");
        AtomicFiles.write(file, "earlier".getBytes());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("No space left"),
                e.getMessage());
        assertEquals("earlier", Files.readString(file));
        assertFalse(Files.exists(tmp.resolve("result.json" + AtomicFiles.TEMPORARY_SUFFIX)));
    }

    @Test
    void anUnwritableFolderIsNamed() throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("plain-file"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.write(notAFolder.resolve("run/result.json"), new byte[] {1}));
        assertTrue(e.getMessage().contains(notAFolder.resolve("run/result.json").toString()), e.getMessage());
    }

    /** The header alone, read from the start of a stream (as from a remote file), is the header of the whole file. */
    @Test
    void theHeaderIsReadWithoutTheArrays() throws IOException {
        Path file = tmp.resolve("h.bin");
        String header = "{\"teacher\":\"ab12\",\"transform\":\"train/inference\"}";
        ArrayFile.write(file, header, sample());
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(ArrayFile.read(file).header(), ArrayFile.readHeader(in, "h.bin"));
        }
        assertEquals(header, ArrayFile.read(file).header());
        Path other = Files.writeString(tmp.resolve("other.bin"), "not an array file at all");
        try (InputStream in = Files.newInputStream(other)) {
            IOException e = assertThrows(IOException.class, () -> ArrayFile.readHeader(in, "remote/other.bin"));
            assertEquals("remote/other.bin: not an lskd array file (bad magic number)", e.getMessage());
        }
        byte[] start = Arrays.copyOf(Files.readAllBytes(file), 14); // magic, length, 2 header bytes
        IOException e = assertThrows(IOException.class,
                () -> ArrayFile.readHeader(new ByteArrayInputStream(start), "cut.bin"));
        assertEquals("cut.bin: truncated", e.getMessage());
    }
}
