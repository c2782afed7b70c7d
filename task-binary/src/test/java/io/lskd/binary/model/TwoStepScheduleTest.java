package io.lskd.binary.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lskd.distill.CrossEntropySpec;
import io.lskd.graph.GraphModel;
import io.lskd.graph.Network;
import io.lskd.graph.TrainingInterruptedException;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.TrainingMonitor;
import io.lskd.vision.model.ArmTrainer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class TwoStepScheduleTest {

    @Test
    void aStopInStepTwoNamesTheRunsEpochNotTheSteps() {
        ArmTrainer stopsInStepTwo = new ArmTrainer() {
            private int passes;

            @Override
            public int height() {
                return 8;
            }

            @Override
            public int width() {
                return 8;
            }

            @Override
            public int channels() {
                return 1;
            }

            @Override
            public int numClasses() {
                return 3;
            }

            @Override
            public TrainingSpec training() {
                return new TrainingSpec(8, 4, 1e-3, "cosine", "float32", null);
            }

            @Override
            public long dataSeed() {
                return 0;
            }

            @Override
            public TrainingMonitor monitor() {
                return new TrainingMonitor() {
                    @Override
                    public void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize) {
                    }

                    @Override
                    public void epochEnded(int epoch, Map<String, Double> metrics) {
                    }
                };
            }

            @Override
            public GraphModel newGraph(Network network) {
                return new GraphModel(network, new CrossEntropySpec().create(), new long[] {8, 8, 1}, 3,
                        DataType.FLOAT, 0);
            }

            @Override
            public void train(GraphModel graph, TrainingSpec training, long dataSeed, TrainingMonitor monitor) {
                if (++passes == 2) { // step 2's second epoch, 5th step
                    throw new TrainingInterruptedException(2, 5, true);
                }
            }
        };
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> new ReActNetSmallSpec().train(stopsInStepTwo));
        assertEquals(6, e.epoch(), "step 1 had 4 of the 8 epochs");
        assertEquals(5, e.step());
        assertEquals("stopped on request after epoch 6, step 5; a checkpoint was written there", e.getMessage());
    }
}
