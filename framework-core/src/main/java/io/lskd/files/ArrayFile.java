package io.lskd.files;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float32 and float64 arrays with a text header, in one checksummed file, written
 * atomically ({@link AtomicFiles}): checkpoints and cached teacher outputs. Values are stored
 * bit for bit, so a restored array equals the saved one exactly.
 *
 * <p>Layout (big-endian): the magic {@code LSKDARR1}; the header as an int length and UTF-8
 * bytes; an int count; per array its name (Java modified UTF-8), a type byte (0 float32,
 * 1 float64), an int rank, the long dimensions, the values (IEEE bits) in row-major order;
 * last, the SHA-256 of every byte before it. A file whose checksum does not match is rejected.
 */
public final class ArrayFile {

    private static final byte[] MAGIC = "LSKDARR1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 1 << 20;
    private static final int CHECKSUM_BYTES = 32;
    /** Values converted per bulk copy. */
    private static final int CHUNK = 8192;

    /** One stored array: float32 values in {@code floats} or float64 values in {@code doubles}. */
    public record Array(long[] shape, float[] floats, double[] doubles) {

        public static Array of(long[] shape, float[] values) {
            return new Array(shape, values, null);
        }

        public static Array of(long[] shape, double[] values) {
            return new Array(shape, null, values);
        }

        public Array {
            shape = shape.clone();
            if ((floats == null) == (doubles == null)) {
                throw new IllegalArgumentException("an array holds float32 or float64 values");
            }
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            int length = floats != null ? floats.length : doubles.length;
            if (n != length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                        + length);
            }
        }

        public boolean isDouble() {
            return doubles != null;
        }

        public int length() {
            return floats != null ? floats.length : doubles.length;
        }
    }

    /** A file's header text and arrays, in the order written. */
    public record Contents(String header, Map<String, Array> arrays) {
    }

    private ArrayFile() {
    }

    /** Writes {@code header} and {@code arrays} to {@code file} atomically. */
    public static void write(Path file, String header, Map<String, Array> arrays) {
        AtomicFiles.write(file, stream -> {
            MessageDigest digest = sha256();
            DigestOutputStream digested = new DigestOutputStream(stream, digest);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(digested, 1 << 16));
            out.write(MAGIC);
            byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
            out.writeInt(headerBytes.length);
            out.write(headerBytes);
            out.writeInt(arrays.size());
            for (Map.Entry<String, Array> e : arrays.entrySet()) {
                Array a = e.getValue();
                out.writeUTF(e.getKey());
                out.writeByte(a.isDouble() ? 1 : 0);
                out.writeInt(a.shape().length);
                for (long d : a.shape()) {
                    out.writeLong(d);
                }
                writeValues(out, a);
            }
            out.flush(); // not closed: AtomicFiles owns and syncs the file stream
            stream.write(digest.digest());
        });
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws IOException naming the file when it is truncated, not of this format or fails
     *     its checksum
     */
    public static Contents read(Path file) throws IOException {
        long size = Files.size(file);
        if (size < MAGIC.length + 8 + CHECKSUM_BYTES) {
            throw new IOException(file + ": truncated (" + size + " bytes)");
        }
        verifyChecksum(file, size - CHECKSUM_BYTES);
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(stream);
            String header = readHeader(in, file.toString());
            int count = in.readInt();
            if (count < 0) {
                throw new IOException(file + ": corrupt (array count " + count + ")");
            }
            Map<String, Array> arrays = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                arrays.put(name, readArray(in, file, name));
            }
            return new Contents(header, arrays);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated", e);
        }
    }

    /**
     * Reads only the header text at the start of a file written by {@link #write}, e.g. to
     * choose among cached teacher outputs on a remote file system without fetching their arrays.
     * The checksum is not verified: read the whole file before trusting it.
     *
     * @param name the file's name, for messages
     * @throws IOException naming the file when it does not start like an lskd array file
     */
    public static String readHeader(InputStream stream, String name) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(name + ": not an lskd array file (bad magic number)");
            }
            int headerLength = in.readInt();
            if (headerLength < 0 || headerLength > MAX_HEADER) {
                throw new IOException(name + ": corrupt (header length " + headerLength + ")");
            }
            byte[] header = new byte[headerLength];
            in.readFully(header);
            return new String(header, StandardCharsets.UTF_8);
        } catch (EOFException e) {
            throw new IOException(name + ": truncated", e);
        }
    }

    /** SHA-256 of the first {@code length} bytes against the stored one after them. */
    private static void verifyChecksum(Path file, long length) throws IOException {
        MessageDigest digest = sha256();
        byte[] stored = new byte[CHECKSUM_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + ": truncated");
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
            new DataInputStream(in).readFully(stored);
        }
        if (!MessageDigest.isEqual(digest.digest(), stored)) {
            throw new IOException(file + ": corrupt (checksum mismatch)");
        }
    }

    private static void writeValues(DataOutputStream out, Array a) throws IOException {
        int width = a.isDouble() ? Double.BYTES : Float.BYTES;
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK * width);
        for (int from = 0; from < a.length(); from += CHUNK) {
            int n = Math.min(CHUNK, a.length() - from);
            chunk.clear();
            if (a.isDouble()) {
                chunk.asDoubleBuffer().put(a.doubles(), from, n);
            } else {
                chunk.asFloatBuffer().put(a.floats(), from, n);
            }
            out.write(chunk.array(), 0, n * width);
        }
    }

    private static Array readArray(DataInputStream in, Path file, String name) throws IOException {
        int type = in.readByte();
        int rank = in.readInt();
        if ((type != 0 && type != 1) || rank < 0 || rank > 8) {
            throw new IOException(file + ": corrupt array '" + name + "' (type " + type + ", rank " + rank + ")");
        }
        long[] shape = new long[rank];
        long n = 1;
        for (int d = 0; d < rank; d++) {
            shape[d] = in.readLong();
            n *= shape[d];
            if (shape[d] < 0 || n > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": corrupt array '" + name + "' (shape " + Arrays.toString(shape) + ")");
            }
        }
        int width = type == 1 ? Double.BYTES : Float.BYTES;
        byte[] bytes = new byte[CHUNK * width];
        double[] doubles = type == 1 ? new double[(int) n] : null;
        float[] floats = type == 1 ? null : new float[(int) n];
        for (int from = 0; from < n; from += CHUNK) {
            int count = (int) Math.min(CHUNK, n - from);
            in.readFully(bytes, 0, count * width);
            ByteBuffer chunk = ByteBuffer.wrap(bytes, 0, count * width);
            if (doubles != null) {
                chunk.asDoubleBuffer().get(doubles, from, count);
            } else {
                chunk.asFloatBuffer().get(floats, from, count);
            }
        }
        return doubles != null ? Array.of(shape, doubles) : Array.of(shape, floats);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
