package io.lskd.vision.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An immutable in-memory labelled image dataset: unsigned 8-bit pixels in NHWC row-major
 * order, one class index per image, and the class names.
 *
 * <p>Two descriptions travel with the data. The {@linkplain #derivation() derivation} says
 * what the content <em>is</em> ("fashion-mnist train, first 2000 per class in file order") and
 * is part of the {@linkplain #fingerprint() fingerprint}; the {@linkplain #source() source}
 * says where the bytes were read from (a path, the bundled sample) and is not, so that the
 * same images read from a full download or from the bundled sample fingerprint the same.
 * The fingerprint goes into a run's provenance and keys the teacher-output cache.
 *
 * <p>The derivation of a per-class prefix is kept in a canonical form: the first n of the
 * first m images of each class (n &lt;= m) are the first n, so {@link #firstPerClass(int)}
 * composes rather than stacking descriptions.
 */
public final class ImageSet {
    private static final String FINGERPRINT_VERSION = "lskd.ImageSet.v1";

    private final byte[] pixels;
    private final int[] labels;
    private final int height;
    private final int width;
    private final int channels;
    private final List<String> classNames;
    /** The derivation before any per-class prefix rule. */
    private final String origin;
    /** n of "first n per class in file order" applied last, or 0 when none. */
    private final int perClassPrefix;
    private final String source;
    private volatile String fingerprint;

    /**
     * Creates a dataset from copies of the given arrays.
     *
     * @param pixels     N x height x width x channels unsigned bytes, NHWC row-major
     * @param labels     N class indices in [0, classNames.size())
     * @param classNames the class names, index = label
     * @param derivation what the content is; part of the fingerprint
     * @param source     where it was read from; not part of the fingerprint
     * @throws IllegalArgumentException if the sizes disagree or a label is out of range
     */
    public ImageSet(byte[] pixels, int[] labels, int height, int width, int channels,
                    List<String> classNames, String derivation, String source) {
        this(pixels.clone(), labels.clone(), height, width, channels, List.copyOf(classNames),
                derivation, 0, source);
    }

    private ImageSet(byte[] pixels, int[] labels, int height, int width, int channels,
                     List<String> classNames, String origin, int perClassPrefix, String source) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got "
                    + height + "x" + width + "x" + channels);
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("an image set needs at least one class");
        }
        long expected = (long) labels.length * height * width * channels;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(labels.length + " images of " + height + "x" + width
                    + "x" + channels + " need " + expected + " pixel bytes, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i
                        + " is outside [0, " + classNames.size() + ")");
            }
        }
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("an image set needs a derivation");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.classNames = classNames;
        this.origin = origin;
        this.perClassPrefix = perClassPrefix;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** For readers in this package: takes ownership of freshly read arrays without copying. */
    static ImageSet wrap(byte[] pixels, int[] labels, int height, int width, int channels,
                         List<String> classNames, String derivation, String source) {
        return new ImageSet(pixels, labels, height, width, channels, List.copyOf(classNames),
                derivation, 0, source);
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Number of classes (the label range), whether or not each occurs. */
    public int numClasses() {
        return classNames.size();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    /** Bytes per image: height x width x channels. */
    public int imageBytes() {
        return height * width * channels;
    }

    /** The class names, index = label (unmodifiable). */
    public List<String> classNames() {
        return classNames;
    }

    /** What the content is (fingerprinted), e.g. "fashion-mnist train, first 2000 per class in file order". */
    public String derivation() {
        return perClassPrefix == 0 ? origin : origin + perClassSuffix(perClassPrefix);
    }

    /** Where the bytes were read from (not fingerprinted). */
    public String source() {
        return source;
    }

    /** The label of image {@code index}. */
    public int label(int index) {
        return labels[index];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** The unsigned value (0..255) of one pixel channel. */
    public int pixel(int index, int y, int x, int channel) {
        Objects.checkIndex(index, size());
        Objects.checkIndex(y, height);
        Objects.checkIndex(x, width);
        Objects.checkIndex(channel, channels);
        return pixels[((index * height + y) * width + x) * channels + channel] & 0xFF;
    }

    /** A copy of all pixels, NHWC row-major. */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** The backing pixel array, for readers of this package that only read it (no copy). */
    byte[] rawPixels() {
        return pixels;
    }

    /** Number of images per class, index = label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The first {@code perClass} images of each class in file order, keeping file order
     * overall (the vision-quick recipe's training subset).
     *
     * @throws IllegalArgumentException if perClass is not positive or a class has fewer images
     */
    public ImageSet firstPerClass(int perClass) {
        requireAtLeast(perClass);
        if (perClassPrefix == perClass) {
            return this;
        }
        int[] taken = new int[numClasses()];
        int[] keep = new int[perClass * numClasses()];
        int kept = 0;
        for (int i = 0; i < labels.length; i++) {
            if (taken[labels[i]] < perClass) {
                taken[labels[i]]++;
                keep[kept++] = i;
            }
        }
        int bytes = imageBytes();
        byte[] subPixels = new byte[kept * bytes];
        int[] subLabels = new int[kept];
        for (int j = 0; j < kept; j++) {
            System.arraycopy(pixels, keep[j] * bytes, subPixels, j * bytes, bytes);
            subLabels[j] = labels[keep[j]];
        }
        return new ImageSet(subPixels, subLabels, height, width, channels, classNames, origin,
                perClass, source);
    }

    /**
     * The images of the first {@code numClasses} classes only (labels 0..numClasses-1 keep their
     * indices), in file order: the class-count subsets of claim C6.
     *
     * @throws IllegalArgumentException unless 2 &lt;= numClasses &lt;= {@link #numClasses()}
     */
    public ImageSet firstClasses(int numClasses) {
        if (numClasses < 2 || numClasses > numClasses()) {
            throw new IllegalArgumentException("a class subset needs 2 to " + numClasses() + " classes, got "
                    + numClasses);
        }
        if (numClasses == numClasses()) {
            return this;
        }
        int[] counts = classCounts();
        int[] keep = new int[counts.length];
        for (int c = 0; c < numClasses; c++) {
            keep[c] = counts[c];
        }
        return select(keep, classNames.subList(0, numClasses), ", classes 0-" + (numClasses - 1) + " only");
    }

    /**
     * An exponentially long-tailed version (Cao et al. 2019, LDAM; Cui et al. 2019): class c of K
     * keeps its first {@code floor(n_max * factor^(-c / (K - 1)))} images in file order (at least
     * one), where n_max is the smallest class count of this set, so the head class has n_max
     * images and the last class n_max / factor.
     *
     * @param factor the imbalance factor n_max / n_min, at least 1
     */
    public ImageSet longTailed(double factor) {
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("the imbalance factor must be at least 1, got " + factor);
        }
        int k = numClasses();
        int nMax = Arrays.stream(classCounts()).min().orElseThrow();
        int[] keep = longTailCounts(nMax, k, factor);
        return select(keep, classNames, String.format(Locale.ROOT,
                ", long-tailed with imbalance factor %s (first floor(%d * %s^(-c/%d)) of class c in file order)",
                factor, nMax, factor, k - 1));
    }

    /** n_c = max(1, floor(nMax * factor^(-c / (K - 1)))) for c = 0..K-1. */
    static int[] longTailCounts(int nMax, int k, double factor) {
        int[] keep = new int[k];
        for (int c = 0; c < k; c++) {
            keep[c] = Math.max(1, (int) Math.floor(nMax * Math.pow(factor, -(double) c / (k - 1)) + 1e-9));
        }
        return keep;
    }

    /** The first keep[c] images of each class c, in file order, with the class list and a derivation suffix. */
    private ImageSet select(int[] keep, List<String> names, String suffix) {
        int[] taken = new int[numClasses()];
        int total = Arrays.stream(keep).sum();
        int bytes = imageBytes();
        byte[] subPixels = new byte[total * bytes];
        int[] subLabels = new int[total];
        int kept = 0;
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (taken[c] < keep[c]) {
                taken[c]++;
                System.arraycopy(pixels, i * bytes, subPixels, kept * bytes, bytes);
                subLabels[kept++] = c;
            }
        }
        return new ImageSet(subPixels, subLabels, height, width, channels, List.copyOf(names), derivation() + suffix,
                0, source);
    }

    /**
     * Declares that this set already is the first {@code perClass} images of each class of
     * its derivation, in file order (a sample stored pre-cut, like the bundled Fashion-MNIST
     * subset), so that its fingerprint equals that of {@code full.firstPerClass(perClass)}.
     * Only the counts can be checked here; the file's producer vouches for the order.
     *
     * @throws IllegalArgumentException if some class does not have exactly perClass images
     */
    public ImageSet declaredFirstPerClass(int perClass) {
        int[] counts = classCounts();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] != perClass) {
                throw new IllegalArgumentException("cannot declare '" + perClassSuffix(perClass)
                        + "': class " + k + " (" + classNames.get(k) + ") has " + counts[k] + " images");
            }
        }
        if (perClassPrefix != 0 && perClassPrefix != perClass) {
            throw new IllegalArgumentException("already the first " + perClassPrefix + " per class");
        }
        return new ImageSet(pixels, labels, height, width, channels, classNames, origin, perClass,
                source);
    }

    /** The same images with a new derivation (what the content is), e.g. "cifar-10 test". */
    public ImageSet withDerivation(String derivation) {
        return new ImageSet(pixels, labels, height, width, channels, classNames, derivation, 0,
                source);
    }

    /** The same images with a new source (where they were read from). */
    public ImageSet withSource(String newSource) {
        return new ImageSet(pixels, labels, height, width, channels, classNames, origin,
                perClassPrefix, newSource);
    }

    /**
     * SHA-256 (lower-case hex) over a canonical encoding of the shape, class names, derivation,
     * pixels and labels: a version tag, then N, H, W, C and the class count as big-endian
     * int32, each class name and the derivation as int32 UTF-8 length plus bytes, the pixel
     * bytes, and each label as a big-endian int32. The source is left out on purpose.
     */
    public String fingerprint() {
        String result = fingerprint;
        if (result == null) {
            result = computeFingerprint();
            fingerprint = result;
        }
        return result;
    }

    private String computeFingerprint() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        putString(sha, FINGERPRINT_VERSION);
        sha.update(ByteBuffer.allocate(20).putInt(size()).putInt(height).putInt(width)
                .putInt(channels).putInt(numClasses()).array());
        for (String name : classNames) {
            putString(sha, name);
        }
        putString(sha, derivation());
        sha.update(pixels);
        ByteBuffer labelBytes = ByteBuffer.allocate(4 * labels.length);
        for (int label : labels) {
            labelBytes.putInt(label);
        }
        sha.update(labelBytes.array());
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void putString(MessageDigest sha, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
        sha.update(utf8);
    }

    private void requireAtLeast(int perClass) {
        if (perClass <= 0) {
            throw new IllegalArgumentException("perClass must be positive, got " + perClass);
        }
        int[] counts = classCounts();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < perClass) {
                throw new IllegalArgumentException("cannot take the first " + perClass
                        + " images per class of '" + derivation() + "': class " + k + " ("
                        + classNames.get(k) + ") has only " + counts[k]);
            }
        }
    }

    private static String perClassSuffix(int perClass) {
        return ", first " + perClass + " per class in file order";
    }

    @Override
    public String toString() {
        return "ImageSet[" + derivation() + ": " + size() + " x " + height + "x" + width + "x"
                + channels + ", " + numClasses() + " classes, class counts "
                + Arrays.toString(classCounts()) + ", from " + source + "]";
    }
}
