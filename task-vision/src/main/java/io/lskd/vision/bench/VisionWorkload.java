package io.lskd.vision.bench;

import io.lskd.bench.Workload;
import io.lskd.bench.WorkloadFactory;
import io.lskd.distill.CrossEntropySpec;
import io.lskd.graph.GraphModel;
import io.lskd.vision.model.VisionModelSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A vision model trained with cross-entropy and Adam on a fixed synthetic batch of
 * Fashion-MNIST's shape (NHWC 28x28x1, 10 classes): exactly the vision-quick training step,
 * without the data pipeline.
 */
public final class VisionWorkload implements Workload {

    private static final int SIDE = 28;
    private static final int CLASSES = 10;
    private static final double LEARNING_RATE = 1e-3;

    private final GraphModel model;
    private final INDArray input;
    private final INDArray targets;

    private VisionWorkload(VisionModelSpec spec, int batchSize, long seed) {
        this.model = new GraphModel(spec.build(SIDE, SIDE, 1, CLASSES), new CrossEntropySpec().create(),
                new long[] {SIDE, SIDE, 1}, CLASSES, DataType.FLOAT, seed);
        Nd4j.getRandom().setSeed(seed);
        this.input = Nd4j.randn(DataType.FLOAT, batchSize, SIDE, SIDE, 1);
        this.targets = Nd4j.zeros(DataType.FLOAT, batchSize, CLASSES);
        for (int i = 0; i < batchSize; i++) {
            targets.putScalar(i, i % CLASSES, 1.0);
        }
    }

    /**
     * A factory for {@code lskd bench --model NAME}.
     *
     * @param threads the native threads one copy trains fastest with, as measured
     */
    public static WorkloadFactory factory(VisionModelSpec spec, String description, int threads) {
        return new WorkloadFactory() {
            @Override
            public String description() {
                return description + ", input 28x28x1 NHWC, 10 classes, cross-entropy, Adam";
            }

            @Override
            public int defaultBatchSize() {
                return 128;
            }

            @Override
            public int defaultThreads() {
                return threads;
            }

            @Override
            public Workload create(int batchSize, long seed) {
                return new VisionWorkload(spec, batchSize, seed);
            }
        };
    }

    @Override
    public String unit() {
        return "samples";
    }

    @Override
    public int itemsPerStep() {
        return (int) input.size(0);
    }

    @Override
    public long parameterCount() {
        return model.parameterCount();
    }

    @Override
    public void trainStep() {
        model.step(input, targets, null, LEARNING_RATE);
    }

    @Override
    public void inferStep() {
        model.logits(input).close();
    }
}
