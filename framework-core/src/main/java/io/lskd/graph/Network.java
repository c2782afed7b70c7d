package io.lskd.graph;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A model architecture: its forward pass from input to logits, written once against a
 * {@link GraphBuilder} and built twice (training and inference mode) over shared variables.
 */
@FunctionalInterface
public interface Network {

    /** Logits [B, K] for the input. */
    SDVariable forward(GraphBuilder g, SDVariable input);

    /**
     * Training steps between the collections that return a step's native buffers
     * ({@link NativeMemory}). Every step by default, which bounds resident memory for any
     * architecture; small networks whose steps leave little garbage train faster with more.
     *
     * @param valuesPerSample the input's values per sample (height x width x channels for images):
     *     a step's garbage grows with it
     */
    default int trainingStepsPerCollection(long valuesPerSample) {
        return 1;
    }
}
