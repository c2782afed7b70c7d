package io.lskd.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a distilled student's teacher logits come from, batch by batch: a table computed once
 * (exact when inputs are not augmented), or the teacher run on the very batch the student sees
 * (needed with augmentation).
 */
@FunctionalInterface
public interface TeacherLogits {

    /** The teacher's logits [B, K] for the samples at {@code indices}, whose inputs are {@code inputs}. */
    INDArray logits(int[] indices, INDArray inputs);

    /** Rows of a table of logits computed once per sample. */
    static TeacherLogits table(double[][] logits) {
        return (indices, inputs) -> {
            double[][] rows = new double[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                rows[i] = logits[indices[i]];
            }
            return Nd4j.createFromArray(rows);
        };
    }
}
