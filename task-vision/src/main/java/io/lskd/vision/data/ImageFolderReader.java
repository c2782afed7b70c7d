package io.lskd.vision.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a class-per-folder image dataset (the torchvision {@code ImageFolder} layout):
 * {@code root/<class>/<image>.jpg|.jpeg|.png}. Class folders sorted by name give the class
 * indices; images within a class are read in name order, classes one after the other.
 * Files with other extensions and hidden entries are ignored, so a README beside the
 * images does no harm.
 *
 * <p>All images must share one size. If every image is grayscale the set has 1 channel,
 * otherwise 3 (RGB; grayscale images are replicated into the three channels). Grayscale
 * samples are taken from the raster, not through {@code getRGB}, which would apply a
 * colour-space conversion and change the values.
 */
public final class ImageFolderReader {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    private ImageFolderReader() {
    }

    /** One decoded image: interleaved bytes with 1 (gray) or 3 (RGB) channels; file names it for errors. */
    record Decoded(String file, int height, int width, boolean gray, byte[] bytes) {
    }

    /**
     * Reads every class folder under {@code root}.
     *
     * @return derivation = the root folder name, source = the root path
     * @throws DatasetFileException naming the root (missing, no class folders, an empty class)
     *                              or the odd file (unreadable, different size)
     */
    public static ImageSet read(Path root) throws DatasetFileException {
        List<Path> classDirs = list(root, true);
        if (classDirs.isEmpty()) {
            throw new DatasetFileException(root.toString(),
                    "has no class folders (expected root/<class>/<image>.jpg|.png)");
        }
        List<String> classNames = new ArrayList<>();
        List<Decoded> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path dir : classDirs) {
            List<Path> files = list(dir, false);
            if (files.isEmpty()) {
                throw new DatasetFileException(dir.toString(), "class folder holds no .jpg, "
                        + ".jpeg or .png images");
            }
            for (Path file : files) {
                addSameSize(images, decode(file));
                labels.add(classNames.size());
            }
            classNames.add(dir.getFileName().toString());
        }
        Path name = root.getFileName();
        return assemble(name == null ? root.toString() : name.toString(), root.toString(), classNames, images,
                labels);
    }

    /** Appends an image, checking it has the first image's size. */
    static void addSameSize(List<Decoded> images, Decoded image) throws DatasetFileException {
        if (!images.isEmpty()) {
            Decoded first = images.get(0);
            if (image.height != first.height || image.width != first.width) {
                throw new DatasetFileException(image.file, "is " + image.width + "x"
                        + image.height + " (width x height) but the first image, "
                        + first.file + ", is " + first.width + "x" + first.height
                        + "; all images must share one size");
            }
        }
        images.add(image);
    }

    /** One image set from decoded images: gray when all are, else RGB with gray ones replicated. */
    static ImageSet assemble(String derivation, String source, List<String> classNames, List<Decoded> images,
                             List<Integer> labels) {
        boolean allGray = images.stream().allMatch(Decoded::gray);
        int channels = allGray ? 1 : 3;
        Decoded first = images.get(0);
        int imageBytes = first.height * first.width * channels;
        byte[] pixels = new byte[images.size() * imageBytes];
        int[] labelArray = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            Decoded image = images.get(i);
            if (image.gray && !allGray) {
                for (int p = 0; p < image.bytes.length; p++) {
                    int at = i * imageBytes + p * 3;
                    pixels[at] = image.bytes[p];
                    pixels[at + 1] = image.bytes[p];
                    pixels[at + 2] = image.bytes[p];
                }
            } else {
                System.arraycopy(image.bytes, 0, pixels, i * imageBytes, imageBytes);
            }
            labelArray[i] = labels.get(i);
        }
        return ImageSet.wrap(pixels, labelArray, first.height, first.width, channels, classNames,
                derivation, source);
    }

    private static Decoded decode(Path file) throws DatasetFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return decode(file.toString(), in);
        } catch (IOException e) {
            throw new DatasetFileException(file.toString(), "cannot read the image: " + e, e);
        }
    }

    /** Decodes one JPEG or PNG image; {@code file} names it in errors. */
    static Decoded decode(String file, InputStream in) throws DatasetFileException {
        BufferedImage image;
        try {
            image = ImageIO.read(in);
        } catch (IOException e) {
            throw new DatasetFileException(file, "cannot decode the image: " + e, e);
        }
        if (image == null) {
            throw new DatasetFileException(file, "is not a readable JPEG or PNG image");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        boolean gray = image.getColorModel().getNumColorComponents() == 1
                && image.getColorModel().getColorSpace().getNumComponents() == 1;
        byte[] bytes;
        if (gray) {
            Raster raster = image.getRaster();
            int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
            bytes = new byte[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    bytes[y * w + x] = (byte) (raster.getSample(x, y, 0) >>> shift);
                }
            }
        } else {
            bytes = new byte[h * w * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    int at = (y * w + x) * 3;
                    bytes[at] = (byte) (rgb >>> 16);
                    bytes[at + 1] = (byte) (rgb >>> 8);
                    bytes[at + 2] = (byte) rgb;
                }
            }
        }
        return new Decoded(file, h, w, gray, bytes);
    }

    /** Sorted, non-hidden sub-folders ({@code dirs}) or image files of {@code dir}. */
    private static List<Path> list(Path dir, boolean dirs) throws DatasetFileException {
        if (!Files.isDirectory(dir)) {
            throw new DatasetFileException(dir.toString(), Files.exists(dir)
                    ? "is not a folder" : "folder not found");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> dirs ? Files.isDirectory(p) : Files.isRegularFile(p) && isImage(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetFileException(dir.toString(), "cannot list the folder: " + e, e);
        }
    }

    private static boolean isImage(Path file) {
        return isImageName(file.getFileName().toString());
    }

    /** Whether a file name has one of the image extensions read. */
    static boolean isImageName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
