package io.lskd.graph;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A rule that keeps a trained variable inside a set, applied in place after every optimiser
 * update (Keras' kernel constraints; a weight clip keeps a binary layer's latent weights where
 * their straight-through gradient is not zero).
 */
@FunctionalInterface
public interface Constraint {

    /** Moves {@code parameter} into the set, in place. */
    void apply(INDArray parameter);
}
