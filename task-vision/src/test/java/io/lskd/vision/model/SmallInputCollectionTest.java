package io.lskd.vision.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmallInputCollectionTest {

    @Test
    void theSmallNetworksCollectEveryFourthStepOnFashionMnistAndEveryStepOnCifar() {
        assertEquals(4, new SmallCnn(28, 28, 1, 10).trainingStepsPerCollection(28 * 28));
        assertEquals(4, new SmallResNet(1, 10).trainingStepsPerCollection(28 * 28));
        assertEquals(1, new SmallCnn(32, 32, 3, 10).trainingStepsPerCollection(32 * 32 * 3));
        assertEquals(1, new SmallResNet(3, 10).trainingStepsPerCollection(32 * 32 * 3));
    }
}
