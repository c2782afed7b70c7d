package io.lskd.vision.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A minimal streaming reader of POSIX tar archives (ustar, with GNU long names): enough to
 * read image datasets shipped as .tar.gz without unpacking them. Each entry is a 512-byte
 * header (name at 0, size in octal at 124, type flag at 156, ustar name prefix at 345) followed
 * by its data padded to 512 bytes; two zero blocks end the archive.
 */
final class TarReader {

    private static final int BLOCK = 512;

    private final InputStream in;
    private final String archive;
    private String pendingLongName;

    /** One regular file of the archive, its bytes read whole. */
    record Entry(String name, byte[] data) {
    }

    /** @param archive names the archive in errors */
    TarReader(InputStream in, String archive) {
        this.in = in;
        this.archive = archive;
    }

    /**
     * The next regular file whose name {@code wanted} accepts (others are skipped without being
     * kept), or null at the end of the archive.
     */
    Entry next(Predicate<String> wanted) throws DatasetFileException {
        byte[] header = new byte[BLOCK];
        try {
            while (true) {
                if (!readFully(header, true)) {
                    return null;
                }
                if (isZero(header)) {
                    return null;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                if ("ustar".equals(text(header, 257, 5)) && !prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (type == 'L') { // GNU: the data is the next entry's full name
                    byte[] longName = readData(size);
                    pendingLongName = new String(longName, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                if (pendingLongName != null) {
                    name = pendingLongName;
                    pendingLongName = null;
                }
                boolean regular = type == '0' || type == '\0';
                if (regular && wanted.test(name)) {
                    return new Entry(name, readData(size));
                }
                skip(padded(size));
            }
        } catch (IOException e) {
            throw new DatasetFileException(archive, "cannot read the tar archive: " + e.getMessage(), e);
        }
    }

    private byte[] readData(long size) throws IOException {
        if (size > Integer.MAX_VALUE - BLOCK) {
            throw new IOException("an entry of " + size + " bytes is too large");
        }
        byte[] data = new byte[(int) size];
        readFully(data, false);
        skip(padded(size) - size);
        return data;
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** Fills buf; at a clean end of stream before any byte returns false when allowed. */
    private boolean readFully(byte[] buf, boolean endAllowed) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                if (off == 0 && endAllowed) {
                    return false;
                }
                throw new EOFException("the archive ends inside an entry (truncated download?)");
            }
            off += n;
        }
        return true;
    }

    private void skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new EOFException("the archive ends inside an entry (truncated download?)");
            }
            n -= r;
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) {
            end++;
        }
        return new String(header, from, end - from, StandardCharsets.UTF_8);
    }

    private long octal(byte[] header, int from, int length) throws IOException {
        String digits = text(header, from, length).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("a tar header has the size field '" + digits + "', not an octal number");
        }
    }
}
