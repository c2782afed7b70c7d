package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.distill.CrossEntropyDistiller;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** model.sd written by a finished run loads back into a fresh model of the same architecture, bit for bit. */
class GraphModelPersistenceTest {

    private static final Network NET = (g, x) -> g.dense("fc",
            g.globalAveragePool(g.relu(g.batchNorm("bn", g.conv2d("conv", x, 3, 4, 1, 1, 0, true), 4))), 4, 3);

    @TempDir
    Path tmp;

    private static GraphModel model(long seed) {
        return new GraphModel(NET, new CrossEntropyDistiller(), new long[] {2, 2, 3}, 3, DataType.FLOAT, seed);
    }

    @Test
    void savedParametersAndRunningStatisticsLoadBackExactly() throws IOException {
        GraphModel trained = model(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 2, 2, 3);
        INDArray y = Nd4j.eye(3).castTo(DataType.FLOAT).repeat(0, 2);
        for (int i = 0; i < 3; i++) {
            trained.step(x, y, null, 0.1);
        }
        Path file = tmp.resolve("model.sd");
        trained.save(file);
        GraphModel loaded = model(2);
        loaded.loadParameters(file);
        trained.parameters().forEach((name, value) -> assertArrayEquals(value.dup().data().asFloat(),
                loaded.parameters().get(name).dup().data().asFloat(), name));
        assertArrayEquals(trained.logits(x).data().asFloat(), loaded.logits(x).data().asFloat());
    }

    @Test
    void aModelOfAnotherArchitectureIsRefusedNamingTheFile() throws IOException {
        GraphModel other = new GraphModel((g, x) -> g.dense("fc", g.globalAveragePool(x), 3, 3),
                new CrossEntropyDistiller(), new long[] {2, 2, 3}, 3, DataType.FLOAT, 1);
        Path file = tmp.resolve("other.sd");
        other.save(file);
        IOException e = assertThrows(IOException.class, () -> model(1).loadParameters(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aSavedStateOfAnotherArchitectureIsRefusedBeforeAnythingChanges() throws IOException {
        GraphModel other = new GraphModel((g, x) -> g.dense("fc", g.globalAveragePool(x), 3, 3),
                new CrossEntropyDistiller(), new long[] {2, 2, 3}, 3, DataType.FLOAT, 1);
        Path dir = tmp.resolve("state");
        other.saveState(dir);
        GraphModel model = model(1);
        float[] before = model.parameters().get("fc/W").dup().data().asFloat();
        IOException e = assertThrows(IOException.class, () -> model.loadState(dir));
        assertTrue(e.getMessage().contains(dir.resolve(GraphModel.MODEL_FILE).toString()), e.getMessage());
        assertArrayEquals(before, model.parameters().get("fc/W").dup().data().asFloat());
    }
}
