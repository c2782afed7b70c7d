package io.lskd.vision.model;

import io.lskd.graph.GraphModel;
import io.lskd.graph.Network;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.TrainingMonitor;

/**
 * What the vision session hands a {@link VisionModelSpec} to train one arm: the input shape,
 * the suite's recipe, fresh graphs with the arm's loss, precision and initial weights, and
 * training passes over the arm's data, targets and teacher. A model with a schedule of its own
 * (a binary network's two steps) composes these.
 */
public interface ArmTrainer {

    int height();

    int width();

    int channels();

    int numClasses();

    /** The suite's training recipe for this arm. */
    TrainingSpec training();

    /** The arm's data-order seed. */
    long dataSeed();

    /** Where the arm's progress and per-epoch figures go (epochs numbered 1 to training().epochs()). */
    TrainingMonitor monitor();

    /** A new graph of this network with the arm's loss, precision and initialisation seed. */
    GraphModel newGraph(Network network);

    /**
     * Trains {@code graph} in place for {@code training.epochs()} epochs on the arm's data, targets
     * and teacher logits, in the data order of {@code dataSeed}, reporting to {@code monitor}
     * (with the held-out figures after each epoch when the task asks for them).
     */
    void train(GraphModel graph, TrainingSpec training, long dataSeed, TrainingMonitor monitor);
}
