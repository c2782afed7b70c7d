package io.lskd.vision.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the IDX format of the MNIST family (MNIST, Fashion-MNIST, KMNIST): an images file
 * (magic 0x00000803: unsigned bytes, 3 dimensions N x rows x cols) and a labels file (magic
 * 0x00000801: unsigned bytes, 1 dimension N), each plain or gzipped (detected by the gzip
 * magic, not the name). Checks the magic, the declared sizes against the bytes actually
 * present, the label range and that both files count the same images; any failure is a
 * {@link DatasetFileException} naming the file.
 *
 * <p>Streams are accepted too, so that samples bundled in a (shaded) jar are read straight
 * from the classpath.
 */
public final class IdxReader {
    /** Magic of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE_TYPE = 0x08;

    private IdxReader() {
    }

    /**
     * Reads an images file and its labels file.
     *
     * @param classNames the class names, index = label; every label must be below their count
     * @return the images (channels 1) with derivation = the images file name and
     *         source = both paths
     */
    public static ImageSet read(Path images, Path labels, List<String> classNames)
            throws DatasetFileException {
        try (InputStream imageStream = open(images); InputStream labelStream = open(labels)) {
            return read(imageStream, images.toString(), labelStream, labels.toString(), classNames);
        } catch (DatasetFileException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetFileException(images + " / " + labels, "cannot close: " + e, e);
        }
    }

    /**
     * Reads an images file and its labels file whose class names are unknown: there are
     * (largest label + 1) classes named "0", "1", ...
     */
    public static ImageSet read(Path images, Path labels) throws DatasetFileException {
        return read(images, labels, null);
    }

    /**
     * Reads IDX images and labels from streams (not closed here).
     *
     * @param imagesName how to name the images stream in errors (a path or resource name)
     * @param labelsName how to name the labels stream in errors
     * @param classNames the class names, index = label, or null to number them by the labels
     */
    public static ImageSet read(InputStream images, String imagesName, InputStream labels,
                                String labelsName, List<String> classNames)
            throws DatasetFileException {
        Idx image = readIdx(images, imagesName, IMAGES_MAGIC, "images");
        Idx label = readIdx(labels, labelsName, LABELS_MAGIC, "labels");
        int n = image.dims[0];
        if (label.dims[0] != n) {
            throw new DatasetFileException(labelsName, "has " + label.dims[0]
                    + " labels but the images file " + imagesName + " has " + n + " images");
        }
        int[] labelValues = new int[n];
        int maxLabel = -1;
        for (int i = 0; i < n; i++) {
            labelValues[i] = label.data[i] & 0xFF;
            maxLabel = Math.max(maxLabel, labelValues[i]);
        }
        List<String> names = classNames != null ? classNames : numberedClassNames(maxLabel + 1);
        if (names.isEmpty()) {
            throw new DatasetFileException(imagesName, "holds no images and no class names were given");
        }
        for (int i = 0; i < n; i++) {
            if (labelValues[i] >= names.size()) {
                throw new DatasetFileException(labelsName, "label " + labelValues[i] + " at index "
                        + i + " is outside [0, " + names.size() + ") for the " + names.size()
                        + " classes " + names);
            }
        }
        String fileName = imagesName.substring(Math.max(imagesName.lastIndexOf('/'),
                imagesName.lastIndexOf('\\')) + 1);
        return ImageSet.wrap(image.data, labelValues, image.dims[1], image.dims[2], 1, names,
                fileName, imagesName + " + " + labelsName);
    }

    /** Class names "0" .. "k-1", for datasets whose files carry no names. */
    static List<String> numberedClassNames(int k) {
        List<String> names = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private static InputStream open(Path path) throws DatasetFileException {
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new DatasetFileException(path.toString(), "file not found", e);
        } catch (IOException e) {
            throw new DatasetFileException(path.toString(), "cannot open: " + e, e);
        }
    }

    /** One parsed IDX file: its dimensions and its data bytes. */
    private record Idx(int[] dims, byte[] data) {
    }

    private static Idx readIdx(InputStream raw, String name, int magic, String what)
            throws DatasetFileException {
        int ndims = magic & 0xFF;
        ByteStreams.Opened opened;
        try {
            opened = ByteStreams.maybeGunzip(raw);
        } catch (IOException e) {
            throw new DatasetFileException(name, "cannot read the gzip header: " + e, e);
        }
        InputStream in = opened.stream();
        String bytesKind = opened.gzipped() ? " (after decompression)" : "";
        int headerBytes = 4 + 4 * ndims;
        ByteStreams.Read header = ByteStreams.readUpTo(in, headerBytes);
        if (header.failure() != null) {
            throw new DatasetFileException(name, "cannot read the IDX header: " + header.failure(),
                    header.failure());
        }
        if (header.count() < 4) {
            throw new DatasetFileException(name, "too short for an IDX file: " + header.count()
                    + " bytes" + bytesKind);
        }
        ByteBuffer head = ByteBuffer.wrap(header.bytes(), 0, header.count());
        int found = head.getInt();
        if (found != magic) {
            throw new DatasetFileException(name, String.format(
                    "not an IDX %s file: magic number 0x%08X, expected 0x%08X (unsigned bytes, %d "
                            + "dimension%s)%s", what, found, magic, ndims, ndims == 1 ? "" : "s",
                    describeMagic(found)));
        }
        if (header.count() < headerBytes) {
            throw new DatasetFileException(name, "truncated header: expected " + headerBytes
                    + " bytes, found " + header.count() + bytesKind);
        }
        int[] dims = new int[ndims];
        long dataBytes = 1;
        for (int d = 0; d < ndims; d++) {
            dims[d] = head.getInt();
            if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                throw new DatasetFileException(name, "dimension " + d + " is " + dims[d]);
            }
            dataBytes *= dims[d];
        }
        if (dataBytes > Integer.MAX_VALUE - 16) {
            throw new DatasetFileException(name, "declares " + dataBytes
                    + " bytes of data, more than one Java array can hold");
        }
        ByteStreams.Read data = ByteStreams.readUpTo(in, (int) dataBytes);
        if (data.count() < dataBytes) {
            String cause = data.failure() == null ? "" : " (" + data.failure().getMessage() + ")";
            throw new DatasetFileException(name, "truncated: the header declares " + shape(dims)
                    + " = " + dataBytes + " bytes of " + what + " data after the " + headerBytes
                    + "-byte header, found " + data.count() + bytesKind + cause, data.failure());
        }
        long extra;
        try {
            extra = ByteStreams.remaining(in);
        } catch (IOException e) {
            throw new DatasetFileException(name, "corrupt after the declared data: " + e, e);
        }
        if (extra > 0) {
            throw new DatasetFileException(name, extra + " bytes" + bytesKind
                    + " follow the declared " + shape(dims) + " data: header and file size disagree");
        }
        return new Idx(dims, data.bytes());
    }

    private static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < dims.length; d++) {
            sb.append(d == 0 ? "" : " x ").append(dims[d]);
        }
        return sb.toString();
    }

    /** Says what a wrong magic number probably is, the commonest mix-ups first. */
    private static String describeMagic(int found) {
        if (found == IMAGES_MAGIC) {
            return "; this is an images file, were images and labels swapped?";
        }
        if (found == LABELS_MAGIC) {
            return "; this is a labels file, were images and labels swapped?";
        }
        if ((found >>> 16) == 0 && ((found >>> 8) & 0xFF) != UNSIGNED_BYTE_TYPE) {
            return String.format("; element type 0x%02X is not unsigned byte", (found >>> 8) & 0xFF);
        }
        return "";
    }
}
