package io.lskd.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Long-tailed and class-subset variants (claim C6). */
class DataVariantsTest {

    /**
     * numpy: [int(np.floor(2000 * f ** (-c / 9) + 1e-9)) for c in range(10)] for f = 100 and 10
     * (framework-core's golden/analysis_golden.py prints them under "longTail").
     */
    @Test
    void longTailCountsFollowTheExponentialProfile() {
        assertArrayEquals(new int[] {2000, 1198, 718, 430, 258, 154, 92, 55, 33, 20},
                ImageSet.longTailCounts(2000, 10, 100));
        assertArrayEquals(new int[] {2000, 1548, 1198, 928, 718, 556, 430, 333, 258, 200},
                ImageSet.longTailCounts(2000, 10, 10));
        assertArrayEquals(new int[] {7, 7, 7}, ImageSet.longTailCounts(7, 3, 1));
    }

    @Test
    void longTailedKeepsTheFirstImagesOfEachClassInFileOrder() {
        ImageSet set = balanced(3, 10);
        ImageSet tail = set.longTailed(4);
        assertArrayEquals(new int[] {10, 5, 2}, tail.classCounts());
        // class 2's first two images are its 0th and 1st in file order: images 2 and 5
        int[] labels = tail.labels();
        int seen = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 2) {
                assertEquals(seen == 0 ? 2 : 5, tail.pixel(i, 0, 0, 0));
                seen++;
            }
        }
        assertTrue(tail.derivation().contains("imbalance factor 4.0"), tail.derivation());
        assertNotEquals(set.fingerprint(), tail.fingerprint());
        assertThrows(IllegalArgumentException.class, () -> set.longTailed(0.5));
    }

    @Test
    void firstClassesKeepsLabelsAndNamesAndChangesTheFingerprint() {
        ImageSet set = balanced(4, 3);
        ImageSet two = set.firstClasses(2);
        assertEquals(List.of("c0", "c1"), two.classNames());
        assertArrayEquals(new int[] {3, 3}, two.classCounts());
        assertTrue(two.derivation().endsWith("classes 0-1 only"), two.derivation());
        assertNotEquals(set.fingerprint(), two.fingerprint());
        assertSame(set, set.firstClasses(4));
        assertThrows(IllegalArgumentException.class, () -> set.firstClasses(1));
        assertThrows(IllegalArgumentException.class, () -> set.firstClasses(5));
    }

    /** k classes of n 1x1 gray images each, interleaved (image i has class i mod k and pixel value i). */
    private static ImageSet balanced(int k, int n) {
        byte[] pixels = new byte[k * n];
        int[] labels = new int[k * n];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
            labels[i] = i % k;
        }
        List<String> names = java.util.stream.IntStream.range(0, k).mapToObj(c -> "c" + c).toList();
        return new ImageSet(pixels, labels, 1, 1, 1, names, "toy", "memory");
    }
}
