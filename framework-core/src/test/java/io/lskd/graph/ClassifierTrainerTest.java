package io.lskd.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.distill.PenalizedDistiller;
import io.lskd.smooth.MaxSupSmoother;
import io.lskd.smooth.NoSmoother;
import io.lskd.smooth.OnlineLabelSmoother;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.TrainingMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassifierTrainerTest {

    private static final Network LINEAR = (g, x) -> g.dense("fc", x, 4, 3);

    /** Ten samples of four features; sample {@code bad} (if any) is NaN. */
    private static ClassificationData data(int bad) {
        return new ClassificationData() {
            public int size() {
                return 10;
            }

            public int numClasses() {
                return 3;
            }

            public int label(int index) {
                return index % 3;
            }

            public INDArray inputs(int[] indices) {
                INDArray x = Nd4j.create(DataType.FLOAT, indices.length, 4);
                for (int i = 0; i < indices.length; i++) {
                    for (int f = 0; f < 4; f++) {
                        x.putScalar(i, f, indices[i] == bad ? Float.NaN : (indices[i] % 3 == f ? 1 : 0));
                    }
                }
                return x;
            }
        };
    }

    @Test
    void keepsThePartialLastBatchAndReportsEveryStepAndEpoch() {
        GraphModel model = new GraphModel(LINEAR, new CrossEntropyDistiller(), new long[] {4}, 3, DataType.FLOAT, 0);
        List<Integer> batchSizes = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        TrainingSpec spec = new TrainingSpec(2, 4, 0.1, "cosine", "float32");
        ClassifierTrainer.train(model, data(-1), new NoSmoother(), null, spec, 1, monitor(batchSizes, epochs),
                e -> Map.of());
        assertEquals(List.of(4, 4, 2, 4, 4, 2), batchSizes);
        assertEquals(List.of(1, 2), epochs);
    }

    /** Online label smoothing sees every step's logits and rebuilds its targets after each epoch. */
    @Test
    void anAdaptiveSmootherLearnsFromTrainingAndEveryTermIsReportedPerEpoch() {
        GraphDistiller loss = PenalizedDistiller.of(new CrossEntropyDistiller(), new MaxSupSmoother(0.2));
        GraphModel model = new GraphModel(LINEAR, loss, new long[] {4}, 3, DataType.FLOAT, 0);
        OnlineLabelSmoother ols = new OnlineLabelSmoother(0.5);
        List<Map<String, Double>> epochMetrics = new ArrayList<>();
        TrainingSpec spec = new TrainingSpec(3, 4, 0.5, "constant", "float32");
        ClassifierTrainer.train(model, data(-1), ols, null, spec, 1, new TrainingMonitor() {
            public void step(int epoch, int step, int stepsPerEpoch, double l, int batchSize) {
            }

            public void epochEnded(int epoch, Map<String, Double> metrics) {
                epochMetrics.add(metrics);
            }
        }, e -> Map.of());
        assertEquals(3, ols.state().orElseThrow().epochs());
        double[] learnt = ols.state().orElseThrow().soft()[0];
        assertTrue(learnt[0] > 1.0 / 3 + 0.1, "the separable data are learnt, so S[0] leans to class 0: "
                + java.util.Arrays.toString(learnt));
        for (Map<String, Double> m : epochMetrics) {
            assertEquals(m.get("train_loss"), m.get("train_ce") + m.get("train_maxsup"), 1e-5, m.toString());
        }
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingEpochAndStep() {
        GraphModel model = new GraphModel(LINEAR, new CrossEntropyDistiller(), new long[] {4}, 3, DataType.FLOAT, 0);
        TrainingSpec spec = new TrainingSpec(3, 10, 0.1, "constant", "float32");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> ClassifierTrainer.train(model, data(7), new NoSmoother(), null, spec, 1,
                        monitor(new ArrayList<>(), new ArrayList<>()), ep -> Map.of()));
        assertEquals(1, e.epoch());
        assertEquals(1, e.step());
        assertTrue(e.getMessage().contains("epoch 1, step 1"), e.getMessage());
    }

    @Test
    void cosineScheduleStartsAtTheRateAndEndsAtZero() {
        TrainingSpec spec = new TrainingSpec(8, 128, 1e-3, "cosine", "float32");
        assertEquals(1e-3, spec.learningRateAt(0, 1256), 1e-18);
        assertEquals(0.5e-3, spec.learningRateAt(628, 1256), 1e-15);
        assertEquals(0, spec.learningRateAt(1256, 1256), 1e-18);
        assertEquals(157, spec.stepsPerEpoch(20_000));
    }

    private static TrainingMonitor monitor(List<Integer> batchSizes, List<Integer> epochs) {
        return new TrainingMonitor() {
            public void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize) {
                batchSizes.add(batchSize);
            }

            public void epochEnded(int epoch, Map<String, Double> metrics) {
                epochs.add(epoch);
            }
        };
    }
}
