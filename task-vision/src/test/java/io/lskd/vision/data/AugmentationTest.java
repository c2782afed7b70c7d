package io.lskd.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    /** One 3x3 single-channel image with pixels 1..9. */
    private static final ImageSet IMAGE = new ImageSet(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new int[] {0}, 3, 3, 1,
            List.of("a"), "test", "test");

    @Test
    void noPaddingAndNoFlipIsTheIdentity() {
        byte[] out = new byte[9];
        new Augmentation(0, false, 1).apply(IMAGE, 0, out, 0);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, out);
    }

    @Test
    void flipAloneMirrorsRowsOrLeavesTheImage() {
        boolean sawMirror = false;
        boolean sawPlain = false;
        Augmentation flip = new Augmentation(0, true, 3);
        for (int i = 0; i < 40; i++) {
            byte[] out = new byte[9];
            flip.apply(IMAGE, 0, out, 0);
            if (out[0] == 3) {
                assertArrayEquals(new byte[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, out);
                sawMirror = true;
            } else {
                assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, out);
                sawPlain = true;
            }
        }
        assertTrue(sawMirror && sawPlain);
    }

    @Test
    void cropsAreShiftsWithZeroFillAndTheSameSeedRepeats() {
        Augmentation a = new Augmentation(1, false, 42);
        Augmentation b = new Augmentation(1, false, 42);
        for (int i = 0; i < 30; i++) {
            byte[] x = new byte[9];
            byte[] y = new byte[9];
            a.apply(IMAGE, 0, x, 0);
            b.apply(IMAGE, 0, y, 0);
            assertArrayEquals(x, y);
            int nonZero = 0;
            for (byte v : x) {
                nonZero += v != 0 ? 1 : 0;
            }
            assertTrue(nonZero == 9 || nonZero == 6 || nonZero == 4, "a shift by at most one pixel: " + nonZero);
        }
    }

    @Test
    void skippingImagesLeavesTheStreamWhereAugmentingThemWould() {
        Augmentation augmented = new Augmentation(1, true, 7);
        byte[] scratch = new byte[9];
        for (int i = 0; i < 37; i++) {
            augmented.apply(IMAGE, 0, scratch, 0);
        }
        Augmentation skipped = new Augmentation(1, true, 7);
        skipped.skip(37);
        org.junit.jupiter.api.Assertions.assertEquals(37, skipped.imagesAugmented());
        for (int i = 0; i < 20; i++) {
            byte[] a = new byte[9];
            byte[] b = new byte[9];
            augmented.apply(IMAGE, 0, a, 0);
            skipped.apply(IMAGE, 0, b, 0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, "image " + (37 + i));
        }
    }
}
