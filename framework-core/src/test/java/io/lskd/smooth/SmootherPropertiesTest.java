package io.lskd.smooth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.spi.Smoother;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmootherPropertiesTest {

    private static final double[] ALPHAS = {0.0, 0.05, 0.1, 0.5, 0.99};
    private static final int[] CLASS_COUNTS = {2, 3, 10, 1000};

    static List<Smoother> smoothers() {
        List<Smoother> all = new ArrayList<>();
        all.add(new NoSmoother());
        for (double a : ALPHAS) {
            all.add(new UniformSmoother(a));
            all.add(new UniformOthersSmoother(a));
            all.add(new TfKdRegSmoother(a, 20.0, 0.99));
            all.add(new TfKdRegSmoother(a, 0.5, 0.9));
        }
        all.add(new MaxSupSmoother(0.1));
        all.add(new ConfidencePenaltySmoother(0.1));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothers")
    void targetsAreDistributions(Smoother smoother) {
        for (int k : CLASS_COUNTS) {
            targetsAreDistributions(smoother, k);
        }
    }

    /** Online label smoothing is built for one K; each K gets a fresh one. */
    @Test
    void onlineTargetsAreDistributions() {
        for (int k : CLASS_COUNTS) {
            targetsAreDistributions(new OnlineLabelSmoother(0.5), k);
        }
    }

    private static void targetsAreDistributions(Smoother smoother, int k) {
        for (int label : new int[] {0, k / 2, k - 1}) {
            double[] y = smoother.target(label, k);
            assertEquals(k, y.length);
            double sum = 0.0;
            for (double v : y) {
                assertTrue(v >= 0.0, smoother.name() + " gave a negative target " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-12, smoother.name() + " K=" + k);
        }
    }

    @Test
    void alphaZeroIsOneHot() {
        for (int k : CLASS_COUNTS) {
            double[] oneHot = new NoSmoother().target(1, k);
            assertArrayEquals(oneHot, new UniformSmoother(0.0).target(1, k), 0.0);
            assertArrayEquals(oneHot, new UniformOthersSmoother(0.0).target(1, k), 0.0);
        }
    }

    @Test
    void conventionsDifferOnlyInHowAlphaIsScaled() {
        // uniform over K with a equals uniform over the K-1 others with a (K-1)/K
        int k = 7;
        double a = 0.2;
        assertArrayEquals(new UniformSmoother(a).target(3, k), new UniformOthersSmoother(a * (k - 1) / k).target(3, k), 1e-15);
        assertEquals(1.0 - a + a / k, new UniformSmoother(a).target(3, k)[3], 1e-15);
        assertEquals(1.0 - a, new UniformOthersSmoother(a).target(3, k)[3], 1e-15);
        assertEquals(a / (k - 1), new UniformOthersSmoother(a).target(3, k)[0], 1e-15);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void rejectsAlphaOutsideZeroToOne(double alpha) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UniformSmoother(alpha));
        assertTrue(e.getMessage().contains("alpha must be in [0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UniformOthersSmoother(alpha));
    }

    @Test
    void rejectsBadLabelsAndClassCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UniformSmoother(0.1).target(5, 5));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NoSmoother().target(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> new UniformOthersSmoother(0.1).target(0, 1));
    }

    @Test
    void namesAreTheRegisteredOnes() {
        assertEquals("none", new NoSmoother().name());
        assertEquals("uniform", new UniformSmoother(0.1).name());
        assertEquals("uniform-others", new UniformOthersSmoother(0.1).name());
        assertEquals("online", new OnlineLabelSmoother(0.1).name());
        assertEquals("tf-kd-reg", new TfKdRegSmoother(0.1, 20, 0.99).name());
        assertEquals("maxsup", new MaxSupSmoother(0.1).name());
        assertEquals("confidence-penalty", new ConfidencePenaltySmoother(0.1).name());
    }
}
