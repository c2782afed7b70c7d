package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    @Test
    void aTrainingStepLeavesNoSessionHoldingItsArraysAndTheGraphStillTrains() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        SDVariable w = sd.var("w", Nd4j.createFromArray(new double[][] {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}}));
        SDVariable loss = sd.math.tanh(x.mmul(w)).sum();
        loss.markAsLoss();
        Map<String, INDArray> feed = Map.of("x", Nd4j.createFromArray(new double[][] {{1, 2, 3}, {-1, 0, 1}, {0.5, -0.5, 2}, {3, 1, -2}}));

        INDArray first = sd.calculateGradientsAndOutputs(feed, List.of(loss.name()), List.of("w")).getGradients().get("w").dup();
        assertFalse(sd.getFunction("grad").getSessions().isEmpty(), "M2.1 keeps the step's session, and its arrays");
        new NativeMemory(1).afterTrainingStep(sd);
        assertTrue(sd.getSessions().isEmpty());
        assertTrue(sd.getFunction("grad").getSessions().isEmpty());

        INDArray second = sd.calculateGradientsAndOutputs(feed, List.of(loss.name()), List.of("w")).getGradients().get("w");
        assertEquals(first, second, "the next step builds new sessions and computes the same gradient");
    }
}
