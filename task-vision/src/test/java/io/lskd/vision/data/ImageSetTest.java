package io.lskd.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    /** 1x1x1 images whose pixel is the image index, labels as given. */
    private static ImageSet set(int... labels) {
        byte[] pixels = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            pixels[i] = (byte) i;
        }
        return new ImageSet(pixels, labels, 1, 1, 1, ABC, "toy", "memory");
    }

    @Test
    void firstPerClassKeepsFileOrder() {
        ImageSet full = set(2, 0, 0, 1, 2, 0, 1, 2, 1);
        ImageSet sub = full.firstPerClass(2);
        assertArrayEquals(new int[] {2, 0, 0, 1, 2, 1}, sub.labels());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 6}, sub.pixels());
        assertArrayEquals(new int[] {2, 2, 2}, sub.classCounts());
        assertEquals("toy, first 2 per class in file order", sub.derivation());
    }

    @Test
    void firstPerClassComposes() {
        ImageSet full = set(2, 0, 0, 1, 2, 0, 1, 2, 1);
        assertEquals(full.firstPerClass(1).fingerprint(), full.firstPerClass(3).firstPerClass(1).fingerprint());
        assertEquals("toy, first 1 per class in file order", full.firstPerClass(2).firstPerClass(1).derivation());
    }

    @Test
    void tooFewInAClassIsAnError() {
        String message = assertThrows(IllegalArgumentException.class, () -> set(0, 0, 1, 2, 2).firstPerClass(2))
                .getMessage();
        assertTrue(message.contains("class 1 (b) has only 1"), message);
    }

    @Test
    void fingerprintCoversContentAndDerivationButNotSource() {
        ImageSet a = set(0, 1, 2);
        assertEquals(a.fingerprint(), a.withSource("elsewhere").fingerprint());
        assertEquals(a.fingerprint(), new ImageSet(a.pixels(), a.labels(), 1, 1, 1, ABC, "toy", "x").fingerprint());
        assertNotEquals(a.fingerprint(), a.withDerivation("other").fingerprint());
        assertNotEquals(a.fingerprint(), set(0, 1, 1).fingerprint());
        byte[] pixels = a.pixels();
        pixels[2] = 9;
        assertNotEquals(a.fingerprint(), new ImageSet(pixels, a.labels(), 1, 1, 1, ABC, "toy", "x").fingerprint());
        assertNotEquals(a.fingerprint(), new ImageSet(a.pixels(), a.labels(), 1, 1, 1,
                List.of("a", "b", "C"), "toy", "x").fingerprint());
        assertNotEquals(set(0, 1, 2, 0, 1, 2).fingerprint(), new ImageSet(new byte[] {0, 1, 2, 3, 4, 5},
                new int[] {0, 1}, 1, 3, 1, ABC, "toy", "x").fingerprint());
        assertEquals(64, a.fingerprint().length());
    }

    @Test
    void declaredSubsetFingerprintsLikeTheComputedOne() {
        ImageSet full = set(2, 0, 0, 1, 2, 0, 1, 2, 1);
        ImageSet computed = full.firstPerClass(2);
        ImageSet stored = new ImageSet(computed.pixels(), computed.labels(), 1, 1, 1, ABC, "toy", "bundle")
                .declaredFirstPerClass(2);
        assertEquals(computed.fingerprint(), stored.fingerprint());
        assertThrows(IllegalArgumentException.class, () -> full.declaredFirstPerClass(2));
    }

    @Test
    void constructorValidatesAndCopies() {
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(new byte[3], new int[] {0, 1, 3}, 1, 1, 1, ABC, "toy", "m"));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(new byte[2], new int[] {0, 1, 2}, 1, 1, 1, ABC, "toy", "m"));
        byte[] pixels = {5, 6};
        ImageSet s = new ImageSet(pixels, new int[] {0, 1}, 1, 1, 1, ABC, "toy", "m");
        pixels[0] = 0;
        assertEquals(5, s.pixel(0, 0, 0, 0));
    }
}
