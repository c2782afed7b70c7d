package io.lskd.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    @Test
    void fashionMnistValues() {
        ImageSet set = new ImageSet(new byte[] {0, (byte) 255, (byte) 128, 1}, new int[] {0, 1},
                1, 2, 1, List.of("a", "b"), "toy", "m");
        float[] batch = Normalization.FASHION_MNIST.batch(set, new int[] {1, 0});
        assertArrayEquals(new float[] {
                (float) ((128 / 255.0 - 0.2860) / 0.3530), (float) ((1 / 255.0 - 0.2860) / 0.3530),
                (float) (-0.2860 / 0.3530), (float) ((1 - 0.2860) / 0.3530)}, batch, 0f);
        assertArrayEquals(Normalization.FASHION_MNIST.batch(set, new int[] {0, 1}),
                Normalization.FASHION_MNIST.batch(set, 0, 2), 0f);
    }

    @Test
    void perChannelStatisticsFollowNhwc() {
        ImageSet set = new ImageSet(new byte[] {(byte) 255, (byte) 255, (byte) 255}, new int[] {0},
                1, 1, 3, List.of("a"), "toy", "m");
        float[] batch = Normalization.CIFAR_10.batch(set, new int[] {0});
        assertEquals((float) ((1 - 0.4914) / 0.2470), batch[0], 0f);
        assertEquals((float) ((1 - 0.4822) / 0.2435), batch[1], 0f);
        assertEquals((float) ((1 - 0.4465) / 0.2616), batch[2], 0f);
        assertThrows(IllegalArgumentException.class, () -> Normalization.FASHION_MNIST.batch(set, new int[] {0}));
    }
}
