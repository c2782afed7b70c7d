package io.lskd.vision.model;

/**
 * How often the small vision networks ({@link SmallCnn}, {@link SmallResNet}) return a training
 * step's native buffers ({@code Network.trainingStepsPerCollection}): every 4th step for inputs up
 * to Fashion-MNIST's 28x28x1, whose steps leave little garbage, and every step for larger ones.
 * Measured: vision-quick in 11 min 19 s and 7.7 GB resident against 15 min 38 s and 5.4 GB every
 * step; {@code lskd bench --model cnn-small --threads 1} 2,314 training samples/s against 1,282.
 * vision-paper's two CIFAR-10 (32x32x3) teachers collecting every 4th step passed the launcher's
 * 12 GB resident limit.
 */
final class SmallInputCollection {

    private static final long SMALL_INPUT = 28 * 28;

    private SmallInputCollection() {
    }

    static int trainingStepsPerCollection(long valuesPerSample) {
        return valuesPerSample <= SMALL_INPUT ? 4 : 1;
    }
}
