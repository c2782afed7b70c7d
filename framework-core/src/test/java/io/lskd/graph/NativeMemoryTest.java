package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    @Test
    void aModelsDeclaredIntervalIsUsedUnlessForced() {
        // The test JVM sets no -Dlskd.gcInterval, so each model keeps its own.
        assertEquals(4, new NativeMemory(4).trainingInterval());
        assertEquals(1, new NativeMemory(1).trainingInterval());
        Network plain = (g, input) -> input;
        assertEquals(1, plain.trainingStepsPerCollection(28 * 28), "every step unless a network says otherwise");
    }

    @Test
    void aNonPositiveDeclaredIntervalIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NativeMemory(0));
        assertEquals("training steps per collection must be >= 1, got 0", e.getMessage());
    }
}
