package io.lskd.vision.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR binary format that users download themselves ("CIFAR-10 binary version"
 * and "CIFAR-100 binary version", Krizhevsky 2009). A CIFAR-10 file ({@code data_batch_1..5.bin},
 * {@code test_batch.bin}) is a sequence of 3073-byte records: one label byte, then a 32x32
 * image as three 1024-byte planes R, G, B (CHW). A CIFAR-100 file ({@code train.bin},
 * {@code test.bin}) has 3074-byte records: coarse label, fine label, then the same planes;
 * the fine labels (100 classes) are used. Images are converted to NHWC.
 *
 * <p>A file whose length is not a whole number of records, or a label outside the class
 * range, is a {@link DatasetFileException} naming the file.
 */
public final class CifarBinaryReader {
    /** Side of a CIFAR image in pixels. */
    public static final int SIDE = 32;
    /** Colour channels of a CIFAR image. */
    public static final int CHANNELS = 3;
    /** Pixel bytes of one CIFAR image. */
    public static final int IMAGE_BYTES = SIDE * SIDE * CHANNELS;

    /** The CIFAR-10 class names, as in {@code batches.meta.txt}. */
    public static final List<String> CIFAR10_CLASS_NAMES = List.of("airplane", "automobile",
            "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** The CIFAR-100 fine class names, as in {@code fine_label_names.txt}. */
    public static final List<String> CIFAR100_CLASS_NAMES = List.of("apple", "aquarium_fish",
            "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle", "bowl", "boy",
            "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
            "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile",
            "cup", "dinosaur", "dolphin", "elephant", "flatfish", "forest", "fox", "girl",
            "hamster", "house", "kangaroo", "keyboard", "lamp", "lawn_mower", "leopard", "lion",
            "lizard", "lobster", "man", "maple_tree", "motorcycle", "mountain", "mouse",
            "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear",
            "pickup_truck", "pine_tree", "plain", "plate", "poppy", "porcupine", "possum",
            "rabbit", "raccoon", "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew",
            "skunk", "skyscraper", "snail", "snake", "spider", "squirrel", "streetcar",
            "sunflower", "sweet_pepper", "table", "tank", "telephone", "television", "tiger",
            "tractor", "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree",
            "wolf", "woman", "worm");

    private static final int PLANE = SIDE * SIDE;

    private CifarBinaryReader() {
    }

    /**
     * Reads CIFAR-10 batch files, concatenated in the given order.
     *
     * @param classNames the 10 class names, index = label
     */
    public static ImageSet readCifar10(List<Path> batches, List<String> classNames)
            throws DatasetFileException {
        return read(batches, 1, 0, "CIFAR-10", classNames);
    }

    /**
     * Reads CIFAR-100 files with their fine labels, concatenated in the given order.
     *
     * @param fineClassNames the 100 fine class names, index = fine label
     */
    public static ImageSet readCifar100(List<Path> files, List<String> fineClassNames)
            throws DatasetFileException {
        return read(files, 2, 1, "CIFAR-100", fineClassNames);
    }

    /**
     * The class names in {@code namesFile} (one per non-blank line, as in CIFAR's
     * {@code batches.meta.txt} and {@code fine_label_names.txt}) when it exists, else the
     * defaults.
     *
     * @throws DatasetFileException if the file exists but does not hold as many names as the
     *                              defaults
     */
    public static List<String> classNames(Path namesFile, List<String> defaults)
            throws DatasetFileException {
        if (!Files.isRegularFile(namesFile)) {
            return defaults;
        }
        List<String> names = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(namesFile)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new DatasetFileException(namesFile.toString(), "cannot read class names: " + e, e);
        }
        if (names.size() != defaults.size()) {
            throw new DatasetFileException(namesFile.toString(), "holds " + names.size()
                    + " class names, expected " + defaults.size());
        }
        return List.copyOf(names);
    }

    private static ImageSet read(List<Path> files, int labelBytes, int labelOffset, String format,
                                 List<String> classNames) throws DatasetFileException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no " + format + " files given");
        }
        int recordBytes = labelBytes + IMAGE_BYTES;
        long totalRecords = 0;
        for (Path file : files) {
            totalRecords += recordCount(file, recordBytes, labelBytes, format);
        }
        if (totalRecords * IMAGE_BYTES > Integer.MAX_VALUE - 16) {
            throw new DatasetFileException(files.toString(), totalRecords
                    + " images are more than one Java array can hold");
        }
        byte[] pixels = new byte[(int) totalRecords * IMAGE_BYTES];
        int[] labels = new int[(int) totalRecords];
        int n = 0;
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            byte[] data = readAll(file);
            for (int offset = 0; offset < data.length; offset += recordBytes, n++) {
                int label = data[offset + labelOffset] & 0xFF;
                if (label >= classNames.size()) {
                    throw new DatasetFileException(file.toString(), "label " + label + " of record "
                            + offset / recordBytes + " is outside [0, " + classNames.size() + ")");
                }
                labels[n] = label;
                chwToHwc(data, offset + labelBytes, pixels, n * IMAGE_BYTES);
            }
            names.add(file.getFileName().toString());
        }
        return ImageSet.wrap(pixels, labels, SIDE, SIDE, CHANNELS, classNames,
                format + " " + String.join(" + ", names), files.toString());
    }

    /** Copies one image from R, G, B planes (CHW) to interleaved pixels (HWC). */
    private static void chwToHwc(byte[] src, int srcOffset, byte[] dst, int dstOffset) {
        for (int c = 0; c < CHANNELS; c++) {
            int plane = srcOffset + c * PLANE;
            for (int p = 0; p < PLANE; p++) {
                dst[dstOffset + p * CHANNELS + c] = src[plane + p];
            }
        }
    }

    private static long recordCount(Path file, int recordBytes, int labelBytes, String format)
            throws DatasetFileException {
        long length;
        try {
            length = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DatasetFileException(file.toString(), "file not found", e);
        } catch (IOException e) {
            throw new DatasetFileException(file.toString(), "cannot read its size: " + e, e);
        }
        if (length == 0 || length % recordBytes != 0) {
            throw new DatasetFileException(file.toString(), "length " + length
                    + " bytes is not a whole number of " + recordBytes + "-byte " + format
                    + " records (" + labelBytes + " label byte" + (labelBytes == 1 ? "" : "s")
                    + " + " + IMAGE_BYTES + " pixel bytes): " + length / recordBytes
                    + " records and " + length % recordBytes + " leftover bytes");
        }
        return length / recordBytes;
    }

    private static byte[] readAll(Path file) throws DatasetFileException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetFileException(file.toString(), "cannot read: " + e, e);
        }
    }
}
