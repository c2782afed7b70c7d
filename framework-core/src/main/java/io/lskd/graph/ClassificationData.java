package io.lskd.graph;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A labelled classification split as the trainer reads it: labels, and inputs by index. */
public interface ClassificationData {

    int size();

    int numClasses();

    int label(int index);

    /** The model inputs of these samples, stacked along a first batch dimension. */
    INDArray inputs(int[] indices);
}
