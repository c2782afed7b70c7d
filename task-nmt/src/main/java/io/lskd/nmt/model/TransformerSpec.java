package io.lskd.nmt.model;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.spec.ModelSpec;

/**
 * An encoder-decoder Transformer (Vaswani et al. 2017) with one embedding matrix shared by the
 * source, the target and the output projection (a joint vocabulary), sinusoidal positions,
 * and pre- or post-norm residual blocks.
 */
@TypeName(TransformerSpec.NAME)
@Doc("Encoder-decoder Transformer, shared embeddings, sinusoidal positions (Vaswani et al. 2017)")
public record TransformerSpec(
        @Range(min = 1) @Doc("Encoder layers (default 3)") Integer encoderLayers,
        @Range(min = 1) @Doc("Decoder layers (default 3)") Integer decoderLayers,
        @Range(min = 2) @Doc("Model width d; a multiple of heads (default 256)") Integer modelDim,
        @Range(min = 1) @Doc("Attention heads (default 4)") Integer heads,
        @Range(min = 1) @Doc("Feed-forward inner width (default 1024)") Integer ffnDim,
        @Range(min = 0, max = 1, maxExclusive = true)
        @Doc("Dropout on embeddings, residual branches and the FFN's hidden layer (default 0.1)") Double dropout,
        @Doc("Layer norm before each block (pre-norm, stable without warm-up) or after it (post-norm, the original) (default true)")
        Boolean preNorm) implements ModelSpec {

    public static final String NAME = "transformer";

    public TransformerSpec {
        encoderLayers = encoderLayers == null ? 3 : encoderLayers;
        decoderLayers = decoderLayers == null ? 3 : decoderLayers;
        modelDim = modelDim == null ? 256 : modelDim;
        heads = heads == null ? 4 : heads;
        ffnDim = ffnDim == null ? 1024 : ffnDim;
        dropout = dropout == null ? 0.1 : dropout;
        preNorm = preNorm == null ? Boolean.TRUE : preNorm;
        if (modelDim % heads != 0) {
            throw new IllegalArgumentException("modelDim " + modelDim + " is not a multiple of heads " + heads);
        }
    }

    public int headDim() {
        return modelDim / heads;
    }
}
