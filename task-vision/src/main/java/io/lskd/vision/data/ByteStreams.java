package io.lskd.vision.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Stream helpers shared by the readers: transparent gzip by magic number (not by file name,
 * which users rename), and bounded reads that report how much was actually there, so a
 * truncated file can be reported as "expected X bytes, found Y" rather than a bare EOF.
 */
final class ByteStreams {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int FIRST_CHUNK = 1 << 20;

    private ByteStreams() {
    }

    /** The bytes read so far and whether the stream ended early with a decompression error. */
    record Read(byte[] bytes, int count, IOException failure) {
    }

    /** A stream ready to read, decompressed if the file was gzipped. */
    record Opened(InputStream stream, boolean gzipped) {
    }

    /** Wraps {@code in} in a gzip decoder when it starts with the gzip magic 1f 8b. */
    static Opened maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        boolean gzipped = b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
        return new Opened(gzipped ? new GZIPInputStream(buffered, 1 << 16) : buffered, gzipped);
    }

    /**
     * Reads up to {@code n} bytes, growing the buffer as data arrives (so a corrupt header that
     * declares gigabytes cannot allocate them up front). A decompression error or EOF from a
     * truncated gzip stream ends the read and is returned with the count, not thrown.
     */
    static Read readUpTo(InputStream in, int n) {
        byte[] buf = new byte[Math.min(n, FIRST_CHUNK)];
        int count = 0;
        try {
            while (count < n) {
                if (count == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
                }
                int r = in.read(buf, count, buf.length - count);
                if (r < 0) {
                    break;
                }
                count += r;
            }
        } catch (IOException e) {
            return new Read(buf, count, e);
        }
        return new Read(buf, count, null);
    }

    /** Counts (and discards) the bytes left in the stream. */
    static long remaining(InputStream in) throws IOException {
        return in.transferTo(OutputStream.nullOutputStream());
    }
}
