package io.lskd.binary.model;

import io.lskd.graph.GraphModel;
import io.lskd.graph.TrainingInterruptedException;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.TrainingMonitor;
import io.lskd.vision.model.ArmTrainer;
import io.lskd.vision.model.TrainedGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a binary network is trained. With the two-step schedule of ReActNet (Liu et al., ECCV
 * 2020, Sec. 4.1, after Martinez et al., "Training binary neural networks with real-to-binary
 * convolutions", ICLR 2020): step 1 trains the network with binary activations and real-valued
 * weights from scratch; step 2 starts from step 1's weights with both binary, with a fresh
 * optimiser and learning-rate schedule. The arm's epochs are split between the steps; step 2
 * draws its data order from the arm's data seed plus {@link #STEP_TWO_DATA_SEED_OFFSET}.
 * Without it, one pass trains the fully binary network.
 *
 * <p>Per epoch, metrics.jsonl gets {@code phase} (1 or 2, two-step schedule only) and, where the
 * kernels are binary, {@code flip_ratio}; the result gets the last epoch's
 * {@code flip_ratio}, {@code size_bits}, {@code real_size_bits} and
 * {@code binary_activation_share}.
 */
public final class TwoStepSchedule {

    public static final long STEP_TWO_DATA_SEED_OFFSET = 7_777_777L;

    /** The one-pass schedule has no phases to report. */
    private static final int NO_PHASE = 0;

    private TwoStepSchedule() {
    }

    /** Epochs of step 1: the share of the arm's epochs, rounded, leaving each step at least one. */
    public static int firstStepEpochs(int epochs, double share) {
        if (epochs < 2) {
            throw new IllegalArgumentException("the two-step schedule needs at least 2 epochs, got " + epochs
                    + "; set \"twoStep\": false or train longer");
        }
        return (int) Math.max(1, Math.min(epochs - 1, Math.round(epochs * share)));
    }

    /**
     * Trains one arm.
     *
     * @param networks the network with binary kernels (true) or real-valued ones (false, step 1)
     */
    public static TrainedGraph train(ArmTrainer trainer, Function<Boolean, BinaryNetwork> networks, boolean twoStep,
                                     double firstStepShare) {
        TrainingSpec all = trainer.training();
        long[] inputShape = {trainer.height(), trainer.width(), trainer.channels()};
        if (!twoStep) {
            BinaryNetwork net = networks.apply(true);
            GraphModel graph = trainer.newGraph(net.network());
            PhaseMonitor monitor = new PhaseMonitor(trainer.monitor(), 0, NO_PHASE, flipRatio(graph, net));
            trainer.train(graph, all, trainer.dataSeed(), monitor);
            return result(graph, net, monitor, inputShape);
        }
        int first = firstStepEpochs(all.epochs(), firstStepShare);
        Map<String, INDArray> stepOne = trainStepOne(trainer, networks.apply(false), epochs(all, first));
        BinaryNetwork binary = networks.apply(true);
        GraphModel step2 = trainer.newGraph(binary.network());
        step2.restoreParameters(stepOne, "step 1 of the two-step schedule"); // same variables by name
        PhaseMonitor monitor = new PhaseMonitor(trainer.monitor(), first, 2, flipRatio(step2, binary));
        try {
            trainer.train(step2, epochs(all, all.epochs() - first), trainer.dataSeed() + STEP_TWO_DATA_SEED_OFFSET,
                    monitor);
        } catch (TrainingInterruptedException e) {
            throw e.afterEarlierEpochs(first);
        }
        return result(step2, binary, monitor, inputShape);
    }

    /**
     * Trains step 1's network and returns its parameters and running statistics. Its graph is
     * unreachable once this returns, so the collector frees its native buffers (SameDiff's
     * sessions keep a step's arrays): kept through step 2, it held about 1.5 GB of a tiny
     * binary-kd run's 6 GB.
     */
    private static Map<String, INDArray> trainStepOne(ArmTrainer trainer, BinaryNetwork realWeights,
                                                      TrainingSpec training) {
        GraphModel step1 = trainer.newGraph(realWeights.network());
        trainer.train(step1, training, trainer.dataSeed(), new PhaseMonitor(trainer.monitor(), 0, 1, null));
        return step1.parameters();
    }

    private static FlipRatio flipRatio(GraphModel graph, BinaryNetwork net) {
        List<String> kernels = net.ledger().binaryKernels();
        return kernels.isEmpty() ? null : new FlipRatio(graph, kernels);
    }

    private static TrainingSpec epochs(TrainingSpec t, int epochs) {
        return new TrainingSpec(epochs, t.batchSize(), t.learningRate(), t.schedule(), t.precision(),
                t.checkpointSteps());
    }

    private static TrainedGraph result(GraphModel graph, BinaryNetwork net, PhaseMonitor monitor, long[] inputShape) {
        BinaryFootprint footprint = BinaryFootprint.of(graph, net.ledger(), inputShape);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (monitor.lastFlipRatio() != null) {
            metrics.put("flip_ratio", monitor.lastFlipRatio());
        }
        metrics.put("size_bits", (double) footprint.sizeBits());
        metrics.put("real_size_bits", (double) footprint.realSizeBits());
        metrics.put("binary_activation_share", footprint.binaryActivationShare());
        return new TrainedGraph(graph, metrics);
    }

    /** Numbers a step's epochs within the arm; adds the phase and the flip ratio to each epoch's line. */
    private static final class PhaseMonitor implements TrainingMonitor {
        private final TrainingMonitor inner;
        private final int epochOffset;
        private final int phase;
        private final FlipRatio flips;
        private Double lastFlipRatio;

        PhaseMonitor(TrainingMonitor inner, int epochOffset, int phase, FlipRatio flips) {
            this.inner = inner;
            this.epochOffset = epochOffset;
            this.phase = phase;
            this.flips = flips;
        }

        @Override
        public void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize) {
            if (flips != null) {
                flips.afterStep();
            }
            inner.step(epoch + epochOffset, step, stepsPerEpoch, loss, batchSize);
        }

        @Override
        public void epochEnded(int epoch, Map<String, Double> metrics) {
            Map<String, Double> line = new LinkedHashMap<>(metrics);
            if (phase != NO_PHASE) {
                line.put("phase", (double) phase);
            }
            if (flips != null) {
                lastFlipRatio = flips.epochMean();
                line.put("flip_ratio", lastFlipRatio);
            }
            inner.epochEnded(epoch + epochOffset, line);
        }

        Double lastFlipRatio() {
            return lastFlipRatio;
        }

        /** Each step of a two-step schedule checkpoints in its own subfolder, step1/ and step2/. */
        @Override
        public java.nio.file.Path checkpointFolder() {
            java.nio.file.Path folder = inner.checkpointFolder();
            return folder == null || phase == NO_PHASE ? folder : folder.resolve("step" + phase);
        }

        @Override
        public java.nio.file.Path teacherOutputFolder() {
            return inner.teacherOutputFolder();
        }

        @Override
        public boolean stopRequested() {
            return inner.stopRequested();
        }

        @Override
        public void startingAt(int epoch, int step) {
            if (phase == NO_PHASE || epoch > 1 || step > 0 || epochOffset == 0) {
                inner.startingAt(epoch + epochOffset, step);
            }
        }

        @Override
        public void checkpointWritten(int epoch, int step) {
            inner.checkpointWritten(epoch + epochOffset, step);
        }
    }
}
