package io.lskd.vision.data;

import static io.lskd.vision.data.TestData.gzip;
import static io.lskd.vision.data.TestData.idx;
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

class IdxReaderTest {
    private static final List<String> THREE = List.of("a", "b", "c");
    private static final byte[] PIXELS = {0, 1, 2, 3, 4, 5, 6, 7, (byte) 200, 9, 10, (byte) 255};

    @TempDir
    Path dir;

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        byte[] images = idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 3}, PIXELS);
        byte[] labels = idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {2, 0});
        Path plainImages = write("images", images);
        Path plainLabels = write("labels", labels);
        Path gzImages = write("images.gz", gzip(images));
        Path gzLabels = write("labels.gz", gzip(labels));

        ImageSet plain = IdxReader.read(plainImages, plainLabels, THREE);
        ImageSet gz = IdxReader.read(gzImages, gzLabels, THREE);

        assertEquals(2, plain.size());
        assertEquals(2, plain.height());
        assertEquals(3, plain.width());
        assertEquals(1, plain.channels());
        assertEquals(2, plain.label(0));
        assertEquals(200, plain.pixel(1, 0, 2, 0));
        assertEquals(255, plain.pixel(1, 1, 2, 0));
        assertTrue(Arrays.equals(plain.pixels(), gz.pixels()));
        assertTrue(Arrays.equals(plain.labels(), gz.labels()));
    }

    @Test
    void classNamesDefaultToNumbersUpToTheLargestLabel() throws IOException {
        Path images = write("i", idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 3}, PIXELS));
        Path labels = write("l", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {4, 0}));
        assertEquals(List.of("0", "1", "2", "3", "4"), IdxReader.read(images, labels).classNames());
    }

    @Test
    void wrongMagicNamesTheFileAndBothNumbers() throws IOException {
        Path images = write("images", idx(0x00000804, new int[] {2, 2, 3}, PIXELS));
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {0, 1}));
        String message = error(images, labels);
        assertTrue(message.startsWith(images.toString()), message);
        assertTrue(message.contains("0x00000804") && message.contains("0x00000803"), message);
    }

    @Test
    void swappedImagesAndLabelsAreDiagnosed() throws IOException {
        Path images = write("images", idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 3}, PIXELS));
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {0, 1}));
        String message = error(labels, images);
        assertTrue(message.startsWith(labels.toString()) && message.contains("swapped"), message);
    }

    @Test
    void truncatedPlainFileSaysExpectedAndFoundBytes() throws IOException {
        byte[] images = idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 3}, PIXELS);
        Path cut = write("images", Arrays.copyOf(images, images.length - 5));
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {0, 1}));
        String message = error(cut, labels);
        assertTrue(message.startsWith(cut.toString()) && message.contains("truncated"), message);
        assertTrue(message.contains("12 bytes") && message.contains("found 7"), message);
    }

    @Test
    void truncatedGzipFileSaysExpectedAndFoundBytes() throws IOException {
        byte[] big = new byte[50 * 28 * 28];
        new java.util.SplittableRandom(1).nextBytes(big);
        byte[] gz = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {50, 28, 28}, big));
        Path cut = write("images.gz", Arrays.copyOf(gz, gz.length / 2));
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[] {50}, new byte[50]));
        String message = error(cut, labels);
        assertTrue(message.startsWith(cut.toString()) && message.contains("truncated"), message);
        assertTrue(message.contains(big.length + " bytes") && message.contains("decompression"),
                message);
    }

    @Test
    void extraBytesAfterTheDeclaredDataAreAnError() throws IOException {
        byte[] images = idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 3}, PIXELS);
        Path longer = write("images", Arrays.copyOf(images, images.length + 3));
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {0, 1}));
        String message = error(longer, labels);
        assertTrue(message.startsWith(longer.toString()) && message.contains("3 bytes"), message);
    }

    @Test
    void labelOutOfRangeNamesTheLabelsFile() throws IOException {
        Path images = write("images", idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 3}, PIXELS));
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {0, 3}));
        String message = error(images, labels);
        assertTrue(message.startsWith(labels.toString()), message);
        assertTrue(message.contains("label 3 at index 1") && message.contains("[0, 3)"), message);
    }

    @Test
    void mismatchedCountsNameBothFiles() throws IOException {
        Path images = write("images", idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 3}, PIXELS));
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {0, 1, 2}));
        String message = error(images, labels);
        assertTrue(message.startsWith(labels.toString()) && message.contains(images.toString()),
                message);
        assertTrue(message.contains("3 labels") && message.contains("2 images"), message);
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {0, 1}));
        Path missing = dir.resolve("nowhere-images");
        String message = error(missing, labels);
        assertTrue(message.startsWith(missing.toString()) && message.contains("not found"), message);
    }

    private String error(Path images, Path labels) {
        return assertThrows(DatasetFileException.class, () -> IdxReader.read(images, labels, THREE))
                .getMessage();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
