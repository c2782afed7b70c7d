package io.lskd.vision.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns unsigned-byte images into a float batch for a network: NHWC, each value
 * {@code (x / 255 - mean[c]) / std[c]}. The 256 possible values per channel are computed once
 * in double and rounded to float, so a batch is a table lookup and the same on every machine.
 */
public final class Normalization {
    /** Fashion-MNIST, as in the vision-quick recipe: mean 0.2860, std 0.3530. */
    public static final Normalization FASHION_MNIST =
            new Normalization(new double[] {0.2860}, new double[] {0.3530});
    /** CIFAR-10's usual per-channel (R, G, B) training-set statistics. */
    public static final Normalization CIFAR_10 = new Normalization(
            new double[] {0.4914, 0.4822, 0.4465}, new double[] {0.2470, 0.2435, 0.2616});

    private final double[] mean;
    private final double[] std;
    /** table[c][v] = (v / 255 - mean[c]) / std[c]. */
    private final float[][] table;

    /**
     * @param mean per-channel means of x/255
     * @param std  per-channel standard deviations of x/255, all positive
     */
    public Normalization(double[] mean, double[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("need one mean and one std per channel, got "
                    + mean.length + " means and " + std.length + " stds");
        }
        this.mean = mean.clone();
        this.std = std.clone();
        table = new float[mean.length][256];
        for (int c = 0; c < mean.length; c++) {
            if (!(std[c] > 0)) {
                throw new IllegalArgumentException("std of channel " + c + " must be positive, got "
                        + std[c]);
            }
            for (int v = 0; v < 256; v++) {
                table[c][v] = (float) ((v / 255.0 - mean[c]) / std[c]);
            }
        }
    }

    /** Number of channels this normalisation is for. */
    public int channels() {
        return mean.length;
    }

    /**
     * The images at {@code indices}, in that order, as a float array of shape
     * [indices.length, height, width, channels].
     *
     * @throws IllegalArgumentException if the set's channel count differs from this one's
     */
    public float[] batch(ImageSet set, int[] indices) {
        if (set.channels() != channels()) {
            throw new IllegalArgumentException("normalisation for " + channels()
                    + " channel(s) cannot take " + set.channels() + "-channel images of '"
                    + set.derivation() + "'");
        }
        byte[] pixels = set.rawPixels();
        int imageBytes = set.imageBytes();
        int c = channels();
        float[] out = new float[indices.length * imageBytes];
        for (int j = 0; j < indices.length; j++) {
            int from = Objects.checkIndex(indices[j], set.size()) * imageBytes;
            int to = j * imageBytes;
            for (int p = 0; p < imageBytes; p++) {
                out[to + p] = table[p % c][pixels[from + p] & 0xFF];
            }
        }
        return out;
    }

    /**
     * The images at {@code indices}, each augmented by {@code augmentation} before it is
     * normalised, as {@link #batch(ImageSet, int[])} otherwise.
     */
    public float[] batch(ImageSet set, int[] indices, Augmentation augmentation) {
        int imageBytes = set.imageBytes();
        byte[] augmented = new byte[imageBytes];
        int c = channels();
        float[] out = new float[indices.length * imageBytes];
        for (int j = 0; j < indices.length; j++) {
            augmentation.apply(set, Objects.checkIndex(indices[j], set.size()), augmented, 0);
            int to = j * imageBytes;
            for (int p = 0; p < imageBytes; p++) {
                out[to + p] = table[p % c][augmented[p] & 0xFF];
            }
        }
        return out;
    }

    /** The images {@code from} (inclusive) to {@code to} (exclusive), as {@link #batch(ImageSet, int[])}. */
    public float[] batch(ImageSet set, int from, int to) {
        Objects.checkFromToIndex(from, to, set.size());
        int[] indices = new int[to - from];
        Arrays.setAll(indices, i -> from + i);
        return batch(set, indices);
    }

    @Override
    public String toString() {
        return "Normalization[mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + "]";
    }
}
