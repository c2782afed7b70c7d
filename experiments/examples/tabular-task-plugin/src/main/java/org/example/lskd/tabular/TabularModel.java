package org.example.lskd.tabular;

import io.lskd.graph.GraphModel;
import io.lskd.spi.SavableState;
import io.lskd.spi.TrainedModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A trained MLP: its graph, and the smoother state learnt beside it, if any. */
final class TabularModel implements TrainedModel {

    private final GraphModel graph;
    private final Map<String, SavableState> state;

    TabularModel(GraphModel graph, Map<String, SavableState> state) {
        this.graph = graph;
        this.state = Map.copyOf(state);
    }

    GraphModel graph() {
        return graph;
    }

    @Override
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, INDArray> e : graph.parameters().entrySet()) {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                for (double v : e.getValue().castTo(DataType.DOUBLE).data().asDouble()) {
                    digest.update(ByteBuffer.allocate(Double.BYTES).putDouble(v).array());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long parameterCount() {
        return graph.parameterCount();
    }

    @Override
    public void save(Path file) throws IOException {
        graph.save(file);
    }

    @Override
    public Map<String, SavableState> trainingState() {
        return state;
    }
}
