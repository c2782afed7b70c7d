package io.lskd.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled Fashion-MNIST sample, read from the classpath exactly as a shaded jar would.
 * Golden values were read once, independently of this code, with Python's gzip + numpy from
 * the bundled .gz files (pixel [y, x] of the 28x28 image):
 * test labels[0..4] = 9 2 1 1 6, labels[9999] = 5, sum(test[0]) = 33456, test[0][14, 14] = 110,
 * test[0][20, 10] = 126, sum(test[9999]) = 24390; subset labels[0..4] = 9 0 0 3 0,
 * sum(subset[0]) = 76247, subset[0][14, 14] = 217, sum(subset[19999]) = 69585. The 2000th
 * image of the last class to fill up is at index 20635 of the full training file.
 */
class FashionMnistBundleTest {
    private static ImageSet train;
    private static ImageSet test;

    @BeforeAll
    static void readBundled() throws Exception {
        // No data dir, no env, no system location: only the bundled sample can answer.
        DatasetCatalog catalog = new DatasetCatalog(null, null, List.of());
        train = catalog.load("fashion-mnist", Split.TRAIN);
        test = catalog.load("fashion-mnist", Split.TEST);
    }

    @Test
    void trainIsTheRecipeSubset() {
        assertEquals(20_000, train.size());
        assertArrayEquals(new int[] {2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000},
                train.classCounts());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertEquals(1, train.channels());
        assertEquals(DatasetCatalog.FASHION_MNIST_CLASS_NAMES, train.classNames());
        assertEquals("fashion-mnist train, first 2000 per class in file order", train.derivation());
        assertTrue(train.source().contains("bundled"), train.source());
        assertArrayEquals(new int[] {9, 0, 0, 3, 0}, firstLabels(train, 5));
        assertEquals(76247, pixelSum(train, 0));
        assertEquals(217, train.pixel(0, 14, 14, 0));
        assertEquals(69585, pixelSum(train, 19_999));
    }

    @Test
    void testIsTheFullTestSet() {
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
                test.classCounts());
        assertEquals("fashion-mnist test", test.derivation());
        assertArrayEquals(new int[] {9, 2, 1, 1, 6}, firstLabels(test, 5));
        assertEquals(5, test.label(9_999));
        assertEquals(33456, pixelSum(test, 0));
        assertEquals(110, test.pixel(0, 14, 14, 0));
        assertEquals(126, test.pixel(0, 20, 10, 0));
        assertEquals(24390, pixelSum(test, 9_999));
    }

    @Test
    void recipeSubsetOfTheBundleIsTheBundleItself() {
        assertSame(train, train.firstPerClass(2000));
    }

    @Test
    void fullTrainingFileGivesTheSameSubset() throws Exception {
        Optional<Path> shared = TestData.sharedFashionMnist();
        Assumptions.assumeTrue(shared.isPresent(), "shared/data/fashion-mnist not found");
        DatasetCatalog catalog = new DatasetCatalog(shared.get().getParent(), null, List.of());
        ImageSet full = catalog.load("fashion-mnist", Split.TRAIN);
        assertEquals(60_000, full.size());
        assertTrue(full.source().contains("--data-dir"), full.source());
        ImageSet subset = full.firstPerClass(2000);
        assertEquals(train.fingerprint(), subset.fingerprint());
        assertArrayEquals(train.labels(), subset.labels());
        assertArrayEquals(train.pixels(), subset.pixels());
        ImageSet fullTest = catalog.load("fashion-mnist", Split.TEST);
        assertEquals(test.fingerprint(), fullTest.fingerprint());
    }

    private static int[] firstLabels(ImageSet set, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = set.label(i);
        }
        return labels;
    }

    private static int pixelSum(ImageSet set, int index) {
        int sum = 0;
        for (int y = 0; y < set.height(); y++) {
            for (int x = 0; x < set.width(); x++) {
                sum += set.pixel(index, y, x, 0);
            }
        }
        return sum;
    }
}
