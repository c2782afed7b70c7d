package io.lskd.binary.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.binary.layers.QuantLayer;
import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.graph.GraphModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The binary student as built and trained in single precision: shapes, counts, binary values, state. */
class ReActNetSmallTest {

    @TempDir
    Path tmp;

    private static GraphModel model(BinaryNetwork net, long seed) {
        return model(net, seed, 28);
    }

    /** Small images where only the step matters, to keep the test fast. */
    private static GraphModel model(BinaryNetwork net, long seed, int side) {
        return new GraphModel(net.network(), new CrossEntropyDistiller(), new long[] {side, side, 1}, 10,
                DataType.FLOAT, seed);
    }

    private static BinaryNetwork binary() {
        return new ReActNetSmallSpec().network(1, 10, true);
    }

    /** Counted by hand in the comments of this test (block by block). */
    @Test
    void parameterCountSizeInBitsAndActivationShareAreAsCountedByHand() {
        BinaryNetwork net = binary();
        GraphModel graph = model(net, 1);
        // stem 288 + 64; blocks 20,960 + 37,248 + 82,880 + 148,224; fc 1,290
        assertEquals(290_954, graph.parameterCount());
        BinaryFootprint f = BinaryFootprint.of(graph, net.ledger(), new long[] {28, 28, 1});
        // 276,480 binary weights at 1 bit, 384 channel scales and 15,690 other values (1,216 of them
        // running statistics) at 32 bits
        assertEquals(276_480 + 32 * 384 + 32 * 15_690, f.sizeBits());
        assertEquals(32L * 292_170, f.realSizeBits());
        // weight-layer inputs per sample: binary 25,088 + 12,544 + 12,544 + 6,272; real: stem 784,
        // the two downsampling 1x1 convolutions 6,272 + 3,136, the head 128
        assertEquals(56_448.0 / 66_768, f.binaryActivationShare(), 1e-12);
        assertEquals(List.of("block1/conv/W", "block2/conv/W", "block3/conv/W", "block4/conv/W"),
                net.ledger().binaryKernels());
    }

    @Test
    void blockConvolutionsSeeExactlyPlusOrMinusOne() {
        BinaryNetwork net = binary();
        GraphModel graph = model(net, 2);
        List<String> binaryInputs = net.ledger().layers().stream().filter(QuantLayer::binaryInput)
                .map(QuantLayer::input).toList();
        assertEquals(4, binaryInputs.size());
        Map<String, INDArray> inputs = graph.outputs(Nd4j.randn(DataType.FLOAT, 3, 28, 28, 1), binaryInputs);
        for (String name : binaryInputs) {
            INDArray a = inputs.get(name);
            assertEquals(a.length(), a.eq(1.0f).castTo(DataType.INT).sumNumber().longValue()
                    + a.eq(-1.0f).castTo(DataType.INT).sumNumber().longValue(), name);
        }
        assertArrayEquals(new long[] {3, 10}, graph.logits(Nd4j.randn(DataType.FLOAT, 3, 28, 28, 1)).shape());
    }

    @Test
    void trainingKeepsLatentKernelsClippedAndFlipsSomeSigns() {
        BinaryNetwork net = binary();
        GraphModel graph = model(net, 3, 8);
        FlipRatio flips = new FlipRatio(graph, net.ledger().binaryKernels());
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 8, 8, 1);
        INDArray y = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7).castTo(DataType.FLOAT);
        for (int i = 0; i < 3; i++) {
            graph.step(x, y, null, 0.05);
            flips.afterStep();
        }
        double ratio = flips.epochMean();
        assertTrue(ratio > 0 && ratio < 1, "flip ratio " + ratio);
        for (String kernel : net.ledger().binaryKernels()) {
            assertTrue(graph.parameters().get(kernel).amaxNumber().doubleValue() <= 1.0, kernel + " left the clip");
        }
        assertTrue(Double.isNaN(flips.epochMean()), "the mean restarts after each read");
    }

    /** Latent weights, running statistics and Adam's moments survive save and load bit for bit. */
    @Test
    void savedAndLoadedModelContinuesBitExactly() throws Exception {
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 8, 8, 1);
        INDArray y = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5).castTo(DataType.FLOAT);
        GraphModel trained = model(binary(), 4, 8);
        trained.step(x, y, null, 0.01);
        trained.step(x, y, null, 0.01);
        trained.saveState(tmp.resolve("state"));
        GraphModel loaded = model(binary(), 99, 8);
        assertNotEquals(trained.parameters().get("block2/conv/W"), loaded.parameters().get("block2/conv/W"));
        loaded.loadState(tmp.resolve("state"));
        assertBitEqual(trained.parameters(), loaded.parameters());
        // the next step uses Adam's moments and step count: equal only if they were restored too
        trained.step(x, y, null, 0.01);
        loaded.step(x, y, null, 0.01);
        assertBitEqual(trained.parameters(), loaded.parameters());
    }

    @Test
    void aStateOfAnotherNetworkIsRejectedNamingTheFile() throws Exception {
        model(binary(), 6, 8).saveState(tmp.resolve("state"));
        GraphModel other = new GraphModel(new io.lskd.vision.model.SmallResNet(1, 10), new CrossEntropyDistiller(),
                new long[] {8, 8, 1}, 10, DataType.FLOAT, 0);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> other.loadState(tmp.resolve("state")));
        assertTrue(e.getMessage().contains("model.sd") && e.getMessage().contains("block1/conv/W"), e.getMessage());
        java.io.IOException missing = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> other.loadState(tmp.resolve("nowhere")));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }

    /** The saved graph file alone gives the same logits: the ±1 border and every quantizer survive. */
    @Test
    void theSavedGraphFileComputesTheSameLogits() throws Exception {
        GraphModel graph = model(binary(), 5, 8);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 8, 8, 1);
        graph.step(x, Nd4j.eye(10).getRows(0, 1, 2, 3).castTo(DataType.FLOAT), null, 0.01);
        Path file = tmp.resolve("model.sd");
        graph.save(file);
        org.nd4j.autodiff.samediff.SameDiff loaded = org.nd4j.autodiff.samediff.SameDiff.load(file.toFile(), false);
        INDArray expected = graph.logits(x);
        // the graph's ends: variables that no op reads (the inference logits, the loss, unused moments)
        List<String> ends = loaded.getVariables().values().stream()
                .filter(v -> v.getVariable().getVariableType() == org.nd4j.autodiff.samediff.VariableType.ARRAY)
                .filter(v -> v.getInputsForOp() == null || v.getInputsForOp().isEmpty())
                .map(org.nd4j.autodiff.samediff.internal.Variable::getName).toList();
        INDArray actual = null;
        for (String name : ends) {
            INDArray out;
            try {
                out = loaded.output(Map.of(GraphModel.INPUT, x), name).get(name);
            } catch (IllegalStateException | IllegalArgumentException needsOtherPlaceholders) {
                continue; // the loss needs targets: not a logits output
            }
            if (java.util.Arrays.equals(out.shape(), expected.shape()) && out.equals(expected)) {
                actual = out;
            }
        }
        assertTrue(actual != null, "no output of the reloaded graph among " + ends + " equals " + expected);
    }

    private static void assertBitEqual(Map<String, INDArray> a, Map<String, INDArray> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).data().asFloat(), b.get(name).data().asFloat(), name); // bit patterns
        }
    }
}
