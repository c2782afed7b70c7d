package io.lskd.vision.data;

import java.util.SplittableRandom;

/**
 * Simple training-time augmentation on raw NHWC bytes: a random crop of the image padded by
 * {@code padding} zero pixels on each side (the usual CIFAR recipe: pad 4, crop back to the
 * original size), then a horizontal flip with probability 1/2. Draws come from one seeded
 * stream, so a run's augmentations are reproducible; every image takes the same draws, so the
 * stream's position is the count of images augmented, and {@link #skip} restores it for a
 * resumed run.
 */
public final class Augmentation {

    private final int padding;
    private final boolean flip;
    private final SplittableRandom random;
    private long images;

    public Augmentation(int padding, boolean flip, long seed) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        this.padding = padding;
        this.flip = flip;
        this.random = new SplittableRandom(seed);
    }

    /** How many images were augmented so far: the position of the random stream. */
    public long imagesAugmented() {
        return images;
    }

    /** Advances the stream past {@code count} images' draws, as if they had been augmented. */
    public void skip(long count) {
        for (long i = 0; i < count; i++) {
            if (padding > 0) {
                random.nextInt(2 * padding + 1);
                random.nextInt(2 * padding + 1);
            }
            if (flip) {
                random.nextBoolean();
            }
        }
        images += count;
    }

    /**
     * Copies image {@code index} of {@code set}, augmented, into {@code out} at {@code offset}.
     * Padding is zero in pixel space (black), as torchvision's RandomCrop pads.
     */
    public void apply(ImageSet set, int index, byte[] out, int offset) {
        int h = set.height();
        int w = set.width();
        int c = set.channels();
        int dy = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
        int dx = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
        boolean mirror = flip && random.nextBoolean();
        images++;
        byte[] pixels = set.rawPixels();
        int base = index * set.imageBytes();
        for (int y = 0; y < h; y++) {
            int sy = y + dy;
            for (int x = 0; x < w; x++) {
                int sx = (mirror ? w - 1 - x : x) + dx;
                int to = offset + (y * w + x) * c;
                if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
                    java.util.Arrays.fill(out, to, to + c, (byte) 0);
                } else {
                    System.arraycopy(pixels, base + (sy * w + sx) * c, out, to, c);
                }
            }
        }
    }
}
