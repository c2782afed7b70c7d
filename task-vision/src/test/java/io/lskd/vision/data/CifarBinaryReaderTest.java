package io.lskd.vision.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryReaderTest {
    private static final int PLANE = 32 * 32;

    @TempDir
    Path dir;

    /** Record r's plane c, pixel p holds (r * 7 + c * 50 + p) mod 256: every position distinct per channel. */
    private static int value(int record, int channel, int p) {
        return (record * 7 + channel * 50 + p) & 0xFF;
    }

    private static byte[] records(int labelBytes, int[][] labels) {
        int recordBytes = labelBytes + 3 * PLANE;
        byte[] data = new byte[labels.length * recordBytes];
        for (int r = 0; r < labels.length; r++) {
            for (int b = 0; b < labelBytes; b++) {
                data[r * recordBytes + b] = (byte) labels[r][b];
            }
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < PLANE; p++) {
                    data[r * recordBytes + labelBytes + c * PLANE + p] = (byte) value(r, c, p);
                }
            }
        }
        return data;
    }

    @Test
    void convertsChwPlanesToNhwcExactly() throws IOException {
        Path file = Files.write(dir.resolve("data_batch_1.bin"), records(1, new int[][] {{3}, {9}}));
        ImageSet set = CifarBinaryReader.readCifar10(List.of(file), CifarBinaryReader.CIFAR10_CLASS_NAMES);
        assertEquals(2, set.size());
        assertEquals(3, set.label(0));
        assertEquals(9, set.label(1));
        assertEquals(32, set.height());
        assertEquals(3, set.channels());
        for (int r = 0; r < 2; r++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(value(r, c, y * 32 + x), set.pixel(r, y, x, c));
                    }
                }
            }
        }
        // NHWC in memory: R, G, B of pixel (0, 1) of image 1 follow those of pixel (0, 0).
        byte[] raw = set.pixels();
        int image1 = 3 * PLANE;
        assertEquals(value(1, 0, 1), raw[image1 + 3] & 0xFF);
        assertEquals(value(1, 1, 1), raw[image1 + 4] & 0xFF);
        assertEquals(value(1, 2, 1), raw[image1 + 5] & 0xFF);
    }

    @Test
    void cifar100UsesFineLabelsAndConcatenatesFiles() throws IOException {
        Path a = Files.write(dir.resolve("train.bin"), records(2, new int[][] {{19, 99}}));
        Path b = Files.write(dir.resolve("test.bin"), records(2, new int[][] {{0, 42}}));
        ImageSet set = CifarBinaryReader.readCifar100(List.of(a, b), CifarBinaryReader.CIFAR100_CLASS_NAMES);
        assertEquals(100, set.numClasses());
        assertEquals(99, set.label(0));
        assertEquals(42, set.label(1));
        assertEquals("worm", set.classNames().get(99));
        assertEquals(value(0, 2, 5), set.pixel(1, 0, 5, 2));
    }

    @Test
    void partialRecordNamesTheFileAndTheLeftover() throws IOException {
        byte[] data = records(1, new int[][] {{1}, {2}});
        Path file = Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(data, data.length - 100));
        String message = assertThrows(DatasetFileException.class, () ->
                CifarBinaryReader.readCifar10(List.of(file), CifarBinaryReader.CIFAR10_CLASS_NAMES))
                .getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains("3073-byte") && message.contains("1 records and 2973 leftover bytes"),
                message);
    }

    @Test
    void labelOutOfRangeNamesTheFile() throws IOException {
        Path file = Files.write(dir.resolve("data_batch_2.bin"), records(1, new int[][] {{1}, {10}}));
        String message = assertThrows(DatasetFileException.class, () ->
                CifarBinaryReader.readCifar10(List.of(file), CifarBinaryReader.CIFAR10_CLASS_NAMES))
                .getMessage();
        assertTrue(message.startsWith(file.toString()) && message.contains("label 10 of record 1"),
                message);
    }

    @Test
    void classNamesComeFromTheMetaFileWhenPresent() throws IOException {
        Path meta = dir.resolve("batches.meta.txt");
        assertEquals(CifarBinaryReader.CIFAR10_CLASS_NAMES,
                CifarBinaryReader.classNames(meta, CifarBinaryReader.CIFAR10_CLASS_NAMES));
        Files.writeString(meta, "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"),
                CifarBinaryReader.classNames(meta, CifarBinaryReader.CIFAR10_CLASS_NAMES));
        Files.writeString(meta, "a\nb\n");
        String message = assertThrows(DatasetFileException.class, () ->
                CifarBinaryReader.classNames(meta, CifarBinaryReader.CIFAR10_CLASS_NAMES)).getMessage();
        assertTrue(message.startsWith(meta.toString()) && message.contains("2 class names"), message);
    }
}
