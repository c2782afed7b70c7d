package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.smooth.UniformSmoother;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.StatefulComponent;
import io.lskd.spi.TrainingMonitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run stopped anywhere (a crash after any step, or a stop request) and resumed from its
 * checkpoints ends with the same bits as a run that never stopped: parameters, batch-norm
 * statistics, Adam state, data order, partial-epoch loss and a stateful component all restored.
 */
class ResumeTest {

    /** conv 1x1 + batch norm + ReLU + pool + dense over 2x2x3 inputs: every kind of state. */
    private static final Network NET = (g, x) -> g.dense("fc",
            g.globalAveragePool(g.relu(g.batchNorm("bn", g.conv2d("conv", x, 3, 4, 1, 1, 0, true), 4))), 4, 3);
    /** 24 samples, batch 5: 5 steps an epoch, the last one partial; 3 epochs; a checkpoint every 2 steps. */
    private static final TrainingSpec TRAINING = new TrainingSpec(3, 5, 0.05, "cosine", "float32", 2);
    private static final int TOTAL_STEPS = 15;
    private static final long DATA_SEED = 10_007;

    @TempDir
    Path tmp;

    /**
     * Inputs with noise from a stream of their own: a stateful component, so resuming is exact
     * only if its state is checkpointed and restored.
     */
    static final class NoisyData implements ClassificationData, StatefulComponent {
        private final SplittableRandom noise = new SplittableRandom(99);
        private long draws;

        public int size() {
            return 24;
        }

        public int numClasses() {
            return 3;
        }

        public int label(int index) {
            return index % 3;
        }

        public INDArray inputs(int[] indices) {
            float[] x = new float[indices.length * 12];
            for (int i = 0; i < indices.length; i++) {
                for (int f = 0; f < 12; f++) {
                    x[i * 12 + f] = (float) ((indices[i] % 3 == f % 3 ? 1.0 : 0.0) + 0.3 * noise.nextGaussian());
                    draws++;
                }
            }
            return Nd4j.create(x, new long[] {indices.length, 2, 2, 3}, 'c');
        }

        public Map<String, double[]> saveState() {
            return Map.of("draws", new double[] {draws});
        }

        public void restoreState(Map<String, double[]> state) {
            for (long i = 0; i < (long) state.get("draws")[0]; i++) {
                noise.nextGaussian();
            }
            draws = (long) state.get("draws")[0];
        }
    }

    /** Records epochs and can crash after a given step or ask to stop after it. */
    static final class Monitor implements TrainingMonitor {
        final Path folder;
        final int crashAfter;
        final int stopAfter;
        final Map<Integer, Map<String, Double>> epochs = new LinkedHashMap<>();
        final List<int[]> starts = new ArrayList<>();
        int steps;

        Monitor(Path folder, int crashAfter, int stopAfter) {
            this.folder = folder;
            this.crashAfter = crashAfter;
            this.stopAfter = stopAfter;
        }

        public void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize) {
            steps = (epoch - 1) * stepsPerEpoch + step;
            if (steps == crashAfter) {
                throw new IllegalStateException("simulated crash");
            }
        }

        public void epochEnded(int epoch, Map<String, Double> metrics) {
            epochs.put(epoch, metrics);
        }

        public Path checkpointFolder() {
            return folder;
        }

        public boolean stopRequested() {
            return steps == stopAfter;
        }

        public void startingAt(int epoch, int step) {
            starts.add(new int[] {epoch, step});
        }
    }

    private static GraphModel model() {
        return new GraphModel(NET, new CrossEntropyDistiller(), new long[] {2, 2, 3}, 3, DataType.FLOAT, 5);
    }

    private static Map<String, float[]> train(Monitor monitor) {
        GraphModel model = model();
        ClassifierTrainer.train(model, new NoisyData(), new UniformSmoother(0.1), null, TRAINING, DATA_SEED, monitor,
                e -> Map.of());
        Map<String, float[]> out = new LinkedHashMap<>();
        model.parameters().forEach((k, v) -> out.put(k, v.dup().data().asFloat()));
        return out;
    }

    private static void assertSameBits(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), "parameter " + k));
    }

    /** The uninterrupted run, trained once for the class. */
    private static Map<String, float[]> uninterrupted;
    private static Monitor reference;
    private static Path referenceFolder;

    @BeforeAll
    static void trainUninterrupted(@TempDir Path folder) {
        referenceFolder = folder;
        reference = new Monitor(folder, -1, -1);
        uninterrupted = train(reference);
    }

    /**
     * Crashes after the first step (before any checkpoint), mid-epoch, on an epoch's last step,
     * right after an epoch-end checkpoint and on the very last step, resuming after each.
     */
    @Test
    void aRunCrashedAgainAndAgainResumesToTheSameBits() {
        Path folder = tmp.resolve("crashed");
        Map<Integer, Map<String, Double>> epochs = new LinkedHashMap<>();
        int[] crashes = {1, 4, 5, 6, 9, 15};
        int[] expectedStarts = {0, 0, 2, 4, 5, 8};
        for (int i = 0; i < crashes.length; i++) {
            Monitor attempt = new Monitor(folder, crashes[i], -1);
            assertThrows(IllegalStateException.class, () -> train(attempt), "crash after step " + crashes[i]);
            int[] start = attempt.starts.get(0);
            assertEquals(expectedStarts[i], (start[0] - 1) * 5 + start[1], "resumed from the newest checkpoint");
            epochs.putAll(attempt.epochs);
            assertTrue(new CheckpointFolder(folder).checkpoints().size() <= CheckpointFolder.KEEP);
        }
        Monitor last = new Monitor(folder, -1, -1);
        assertSameBits(uninterrupted, train(last));
        assertArrayEquals(new int[] {3, 4}, last.starts.get(0), "the last checkpoint before step 15");
        epochs.putAll(last.epochs);
        assertEquals(reference.epochs, epochs, "every epoch's loss and learning rate, bit for bit");
    }

    /**
     * An adaptive smoother (online LS: S and the epoch's running sums) and a loss with several
     * terms (their per-epoch means): crashed mid-epoch again and again, the run still ends with
     * the same parameters and the same per-term figures as one that never stopped.
     */
    @Test
    void anOnlineSmootherAndPerTermLossesSurviveCrashes() {
        java.util.function.Function<Monitor, Map<String, float[]>> trainOnline = monitor -> {
            GraphModel model = new GraphModel(NET, io.lskd.distill.PenalizedDistiller.of(new CrossEntropyDistiller(),
                    new io.lskd.smooth.MaxSupSmoother(0.1)), new long[] {2, 2, 3}, 3, DataType.FLOAT, 5);
            ClassifierTrainer.train(model, new NoisyData(), new io.lskd.smooth.OnlineLabelSmoother(0.4), null,
                    TRAINING, DATA_SEED, monitor, e -> Map.of());
            Map<String, float[]> out = new LinkedHashMap<>();
            model.parameters().forEach((k, v) -> out.put(k, v.dup().data().asFloat()));
            return out;
        };
        Monitor whole = new Monitor(tmp.resolve("online-whole"), -1, -1);
        Map<String, float[]> expected = trainOnline.apply(whole);
        assertTrue(whole.epochs.get(1).keySet().stream().anyMatch(k -> k.startsWith("train_") && !k.equals("train_loss")),
                "a loss with several terms reports each: " + whole.epochs.get(1));
        Path folder = tmp.resolve("online-crashed");
        Map<Integer, Map<String, Double>> epochs = new LinkedHashMap<>();
        for (int crash : new int[] {4, 9, 13}) {
            Monitor attempt = new Monitor(folder, crash, -1);
            assertThrows(IllegalStateException.class, () -> trainOnline.apply(attempt), "crash after step " + crash);
            epochs.putAll(attempt.epochs);
        }
        Monitor last = new Monitor(folder, -1, -1);
        assertSameBits(expected, trainOnline.apply(last));
        epochs.putAll(last.epochs);
        assertEquals(whole.epochs, epochs, "every epoch's figures, per term too, bit for bit");
    }

    @Test
    void aStopRequestCheckpointsAfterTheCurrentStepAndResumesExactly() {
        Path folder = tmp.resolve("stopped");
        TrainingInterruptedException stop = assertThrows(TrainingInterruptedException.class,
                () -> train(new Monitor(folder, -1, 7)));
        assertEquals(2, stop.epoch());
        assertEquals(2, stop.step());
        Monitor resumed = new Monitor(folder, -1, -1);
        assertSameBits(uninterrupted, train(resumed));
        assertArrayEquals(new int[] {2, 2}, resumed.starts.get(0));
    }

    @Test
    void aFinishedRunResumesToItsFinalStateWithoutTraining() {
        Monitor again = new Monitor(referenceFolder, -1, -1);
        assertSameBits(uninterrupted, train(again));
        assertEquals(0, again.steps, "no step is taken again");
        assertArrayEquals(new int[] {3, 5}, again.starts.get(0));
    }

    @Test
    void aCheckpointOfAnotherRecipeIsRefused() {
        Path folder = referenceFolder;
        GraphModel model = model();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClassifierTrainer.train(model,
                new NoisyData(), new UniformSmoother(0.1), null, TRAINING, DATA_SEED + 1,
                new Monitor(folder, -1, -1), ep -> Map.of()));
        assertTrue(e.getMessage().contains("data seed") && e.getMessage().contains(folder.toString()), e.getMessage());
    }

    @Test
    void theDataOrderOfAnEpochDependsOnlyOnSeedAndEpoch() {
        int[] third = new DataOrder(7, 50).epoch(3);
        DataOrder walked = new DataOrder(7, 50);
        walked.epoch(1);
        walked.epoch(2);
        assertArrayEquals(third, walked.epoch(3));
        int[] sorted = third.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i], "a permutation");
        }
    }
}
