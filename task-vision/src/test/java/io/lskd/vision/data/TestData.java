package io.lskd.vision.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/** Writers of small IDX files for the tests, and the location of the shared real data. */
final class TestData {
    private TestData() {
    }

    /** An IDX header (magic, then dims) followed by {@code body}. */
    static byte[] idx(int magic, int[] dims, byte[] body) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        buffer.putInt(magic);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.put(body).array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /**
     * Writes {@code <prefix>-images-idx3-ubyte.gz} and labels into {@code dir}: n images of
     * 2x3 whose pixels are (seed + image + position) mod 256, labels i mod classes.
     */
    static void writeIdxPair(Path dir, String prefix, int n, int classes, int seed) throws IOException {
        Files.createDirectories(dir);
        byte[] pixels = new byte[n * 6];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (seed + i);
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % classes);
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {n, 2, 3}, pixels)));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"),
                gzip(idx(IdxReader.LABELS_MAGIC, new int[] {n}, labels)));
    }

    /**
     * The shared real Fashion-MNIST folder: {@code shared/data/fashion-mnist} beside the
     * project root or beside one of its ancestors (CI checks the repo out next to
     * {@code shared/}; git worktrees sit one level deeper). Empty when absent.
     */
    static Optional<Path> sharedFashionMnist() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/fashion-mnist");
            if (Files.isRegularFile(candidate.resolve("train-images-idx3-ubyte.gz"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The shared CIFAR-10 JPEG archive ({@code shared/data/cifar10-jpeg.tar.gz}), found as above. */
    static Optional<Path> sharedCifarArchive() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/cifar10-jpeg.tar.gz");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
