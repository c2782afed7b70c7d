package io.lskd.binary.layers;

import io.lskd.graph.Constraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Larq's {@code weight_clip}: latent weights clipped to [-clip, clip] after every update, so
 * that a clipped straight-through gradient (zero beyond the clip) cannot leave them stuck.
 */
public record WeightClip(double clip) implements Constraint {

    public WeightClip {
        if (!(clip > 0)) {
            throw new IllegalArgumentException("weight clip must be > 0, got " + clip);
        }
    }

    @Override
    public void apply(INDArray parameter) {
        Transforms.min(Transforms.max(parameter, -clip, false), clip, false);
    }
}
