package io.lskd.smooth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.math.Softmax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online label smoothing's state: saved mid-epoch and restored, training continues exactly. */
class OnlineLabelSmootherStateTest {

    private static final int K = 4;

    @TempDir
    Path tmp;

    private static double[][] logits(SplittableRandom random, int b) {
        double[][] z = new double[b][K];
        for (double[] row : z) {
            for (int c = 0; c < K; c++) {
                row[c] = 2 * random.nextGaussian();
            }
        }
        return z;
    }

    private static int[] labels(SplittableRandom random, int b) {
        int[] y = new int[b];
        for (int i = 0; i < b; i++) {
            y[i] = random.nextInt(K);
        }
        return y;
    }

    /** Two epochs of three batches, the state saved and restored into a fresh smoother after batch {@code cut}. */
    private static double[][] afterTwoEpochs(int cut, Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        OnlineLabelSmoother ols = new OnlineLabelSmoother(0.4);
        ols.target(0, K);
        int batch = 0;
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int step = 0; step < 3; step++) {
                ols.observe(logits(random, 16), labels(random, 16));
                if (++batch == cut) {
                    ols.save(file);
                    ols = new OnlineLabelSmoother(0.4);
                    ols.restore(file);
                }
            }
            ols.epochEnded();
        }
        double[][] targets = new double[K][];
        for (int c = 0; c < K; c++) {
            targets[c] = ols.target(c, K);
        }
        assertEquals(2, ols.state().orElseThrow().epochs());
        return targets;
    }

    @Test
    void aRestoredStateContinuesExactly() throws IOException {
        double[][] uninterrupted = afterTwoEpochs(-1, tmp.resolve("unused.json"));
        for (int cut = 1; cut <= 6; cut++) {
            double[][] resumed = afterTwoEpochs(cut, tmp.resolve("state-" + cut + ".json"));
            for (int c = 0; c < K; c++) {
                assertArrayEquals(uninterrupted[c], resumed[c], 0.0, "cut after batch " + cut + ", class " + c);
            }
        }
        assertTrue(uninterrupted[0][0] != new UniformSmoother(0.4).target(0, K)[0], "S has moved from uniform");
    }

    /** As {@link #afterTwoEpochs}, through the checkpoint path ({@code StatefulComponent}) instead of a file. */
    private static double[][] afterTwoEpochsViaCheckpoint(int cut) {
        SplittableRandom random = new SplittableRandom(5);
        OnlineLabelSmoother ols = new OnlineLabelSmoother(0.4);
        ols.target(0, K);
        int batch = 0;
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int step = 0; step < 3; step++) {
                ols.observe(logits(random, 16), labels(random, 16));
                if (++batch == cut) {
                    java.util.Map<String, double[]> saved = ols.saveState();
                    ols = new OnlineLabelSmoother(0.4);
                    ols.restoreState(saved);
                }
            }
            ols.epochEnded();
        }
        double[][] targets = new double[K][];
        for (int c = 0; c < K; c++) {
            targets[c] = ols.target(c, K);
        }
        assertEquals(2, ols.state().orElseThrow().epochs());
        return targets;
    }

    @Test
    void aCheckpointedStateContinuesExactly() throws IOException {
        double[][] uninterrupted = afterTwoEpochs(-1, tmp.resolve("unused.json"));
        for (int cut = 1; cut <= 6; cut++) {
            double[][] resumed = afterTwoEpochsViaCheckpoint(cut);
            for (int c = 0; c < K; c++) {
                assertArrayEquals(uninterrupted[c], resumed[c], 0.0, "cut after batch " + cut + ", class " + c);
            }
        }
        OnlineLabelSmoother fresh = new OnlineLabelSmoother(0.4);
        assertTrue(fresh.saveState().isEmpty(), "no state before the number of classes is known");
        fresh.restoreState(java.util.Map.of());
        assertTrue(fresh.state().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> fresh.restoreState(java.util.Map.of("shape",
                new double[] {K, 0})), "soft, sums and counts are required");
    }

    @Test
    void aStateOfAnotherSmootherIsRejectedNamingTheFile() throws IOException {
        OnlineLabelSmoother ols = new OnlineLabelSmoother(0.5);
        ols.target(1, K);
        Path file = tmp.resolve("smoother-state.json");
        ols.save(file);
        IOException alpha = assertThrows(IOException.class, () -> new OnlineLabelSmoother(0.3).restore(file));
        assertTrue(alpha.getMessage().contains(file.toString()) && alpha.getMessage().contains("alpha"),
                alpha.getMessage());
        OnlineLabelSmoother otherK = new OnlineLabelSmoother(0.5);
        otherK.target(0, K + 1);
        IOException k = assertThrows(IOException.class, () -> otherK.restore(file));
        assertTrue(k.getMessage().contains("classes"), k.getMessage());
        Files.writeString(file, "{\"alpha\": 0.5, \"numClasses\": 2}");
        IOException broken = assertThrows(IOException.class, () -> new OnlineLabelSmoother(0.5).restore(file));
        assertTrue(broken.getMessage().contains(file.toString()), broken.getMessage());
    }

    @Test
    void aClassWithoutACorrectSampleFallsBackToUniform() {
        OnlineLabelSmoother ols = new OnlineLabelSmoother(0.5);
        // class 0 predicted right (logit 5 on class 0); class 1's only sample predicted as class 2
        ols.observe(new double[][] {{5, 0, 0, 0}, {0, 1, 3, 0}}, new int[] {0, 1});
        ols.epochEnded();
        double[][] soft = ols.state().orElseThrow().soft();
        assertArrayEquals(Softmax.row(new double[] {5, 0, 0, 0}, 1.0), soft[0], 1e-15);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, soft[1], 0.0);
    }
}
