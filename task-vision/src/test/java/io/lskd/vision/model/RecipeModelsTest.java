package io.lskd.vision.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.graph.GraphModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The vision-quick models have exactly the recipe's parameter counts and output shapes. */
class RecipeModelsTest {

    @Test
    void teacherHasTheRecipesParameterCount() {
        GraphModel teacher = model(new SmallResNet(1, 10), 0);
        assertEquals(136_938, teacher.parameterCount());
        assertArrayEquals(new long[] {5, 10}, teacher.logits(Nd4j.rand(DataType.FLOAT, 5, 28, 28, 1)).shape());
    }

    @Test
    void studentHasTheRecipesParameterCount() {
        GraphModel student = model(new SmallCnn(28, 28, 1, 10), 1000);
        assertEquals(55_338, student.parameterCount());
        assertArrayEquals(new long[] {3, 10}, student.logits(Nd4j.rand(DataType.FLOAT, 3, 28, 28, 1)).shape());
    }

    @Test
    void equalSeedsGiveEqualInitialWeightsAndOtherSeedsDoNot() {
        INDArray a = model(new SmallResNet(1, 10), 0).parameters().get("stem/conv/W");
        INDArray b = model(new SmallResNet(1, 10), 0).parameters().get("stem/conv/W");
        INDArray c = model(new SmallResNet(1, 10), 1).parameters().get("stem/conv/W");
        assertEquals(a, b);
        org.junit.jupiter.api.Assertions.assertNotEquals(a, c);
    }

    private static GraphModel model(io.lskd.graph.Network network, long seed) {
        return new GraphModel(network, new CrossEntropyDistiller(), new long[] {28, 28, 1}, 10, DataType.FLOAT, seed);
    }
}
