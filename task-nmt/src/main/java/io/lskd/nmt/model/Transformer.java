package io.lskd.nmt.model;

import io.lskd.graph.Relu;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The Transformer's forward pass over shared variables (Vaswani et al. 2017, "Attention is
 * all you need"): built once per use (training with dropout, inference, decoding), every pass
 * reading the same weights.
 *
 * <p>Tokens are rows of 2-D [B*L, d] matrices for every position-wise layer; attention
 * reshapes to [B, heads, L, d/heads] through the batch's {@link SequenceInputs#headShape}.
 * Embeddings are a one-hot matrix product, not a gather: {@code sd.gather}'s backward is wrong
 * or crashes in ND4J 1.0.0-M2.1 (DL4J-NOTES.md). One matrix E [V, d] embeds source and target
 * tokens (scaled by sqrt(d)) and, transposed, projects the decoder's output to logits
 * (Press and Wolf 2017), as fairseq's {@code --share-all-embeddings}.
 */
public final class Transformer {

    /** Name of the shared embedding variable. */
    public static final String EMBEDDING = "embedding";

    private static final double MASKED = -1e9;

    private final TransformerSpec spec;
    private final int vocabSize;
    private final SameDiff sd;
    private final DataType dataType;
    private final Parameters params;
    private final Dropout dropout;

    /**
     * @param padId the padding token, whose embedding row starts at zero
     * @param seed the initialisation seed
     */
    public Transformer(TransformerSpec spec, int vocabSize, int padId, SameDiff sd, DataType dataType, long seed) {
        this.spec = spec;
        this.vocabSize = vocabSize;
        this.sd = sd;
        this.dataType = dataType;
        this.params = new Parameters(sd, dataType, seed);
        this.dropout = new Dropout(sd, dataType);
        params.normal(EMBEDDING, vocabSize, spec.modelDim(), Math.pow(spec.modelDim(), -0.5), padId);
    }

    /** The additive value of a masked attention score. */
    public static double maskedScore() {
        return MASKED;
    }

    public TransformerSpec spec() {
        return spec;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** Trained variables in creation order. */
    public List<String> parameterNames() {
        return params.names();
    }

    /** The dropout placeholders of the training passes built so far. */
    public List<Dropout.Site> dropoutSites() {
        return dropout.sites();
    }

    /** The encoder's output, [B*S, d]. */
    public SDVariable encode(SequenceInputs src, boolean training) {
        int d = spec.modelDim();
        SDVariable x = embed(src, training, "enc");
        for (int l = 0; l < spec.encoderLayers(); l++) {
            String p = "enc" + l;
            x = residual(p + "/self", x, training, false,
                    h -> attention(p + "/self", h, h, src.headShape(), src.headShape(), src.mask()));
            x = residual(p + "/ffn", x, training, false, h -> feedForward(p + "/ffn", h, training, false));
        }
        return spec.preNorm() ? layerNorm("enc/norm", x, d) : x;
    }

    /**
     * The decoder's last hidden states, [B*T, d] (before the output projection).
     *
     * @param memory the encoder's output for the same sentences, [B*S, d]
     * @param src the source side (its head shape and key-padding mask)
     */
    public SDVariable decode(SequenceInputs tgt, SDVariable memory, SequenceInputs src, boolean training) {
        int d = spec.modelDim();
        SDVariable x = embed(tgt, training, "dec");
        for (int l = 0; l < spec.decoderLayers(); l++) {
            String p = "dec" + l;
            x = residual(p + "/self", x, training, true,
                    h -> attention(p + "/self", h, h, tgt.headShape(), tgt.headShape(), tgt.mask()));
            x = residual(p + "/cross", x, training, true,
                    h -> attention(p + "/cross", h, memory, tgt.headShape(), src.headShape(), src.mask()));
            x = residual(p + "/ffn", x, training, true, h -> feedForward(p + "/ffn", h, training, true));
        }
        return spec.preNorm() ? layerNorm("dec/norm", x, d) : x;
    }

    /** Logits over the vocabulary, [rows, V]: hidden states times the shared embedding, transposed. */
    public SDVariable logits(SDVariable hidden) {
        return sd.mmul(hidden, embedding(), false, true, false);
    }

    public SDVariable embedding() {
        return sd.getVariable(EMBEDDING);
    }

    private SDVariable embed(SequenceInputs in, boolean training, String side) {
        SDVariable oneHot = sd.oneHot(in.ids(), vocabSize, -1, 1.0, 0.0, dataType);
        SDVariable x = oneHot.mmul(embedding()).mul(Math.sqrt(spec.modelDim())).add(in.positions());
        return training ? drop(side + "/embed", x, spec.modelDim(), "dec".equals(side)) : x;
    }

    /** One residual block: x + dropout(f(LN(x))) in pre-norm, LN(x + dropout(f(x))) in post-norm. */
    private SDVariable residual(String name, SDVariable x, boolean training, boolean target,
                                java.util.function.UnaryOperator<SDVariable> block) {
        int d = spec.modelDim();
        SDVariable in = spec.preNorm() ? layerNorm(name + "/norm", x, d) : x;
        SDVariable out = block.apply(in);
        if (training) {
            out = drop(name, out, d, target);
        }
        SDVariable sum = x.add(out);
        return spec.preNorm() ? sum : layerNorm(name + "/norm", sum, d);
    }

    /**
     * Multi-head scaled dot-product attention: softmax(Q K^T / sqrt(d_h) + mask) V per head,
     * heads concatenated and projected.
     */
    private SDVariable attention(String name, SDVariable query, SDVariable keyValue, SDVariable queryShape,
                                 SDVariable keyShape, SDVariable mask) {
        int d = spec.modelDim();
        SDVariable q = heads(linear(name + "/q", query, d, d), queryShape);
        SDVariable k = heads(linear(name + "/k", keyValue, d, d), keyShape);
        SDVariable v = heads(linear(name + "/v", keyValue, d, d), keyShape);
        SDVariable scores = q.mmul(k.permute(0, 1, 3, 2)).mul(1.0 / Math.sqrt(spec.headDim())).add(mask);
        SDVariable weights = softmaxLastAxis(scores);
        SDVariable context = weights.mmul(v).permute(0, 2, 1, 3).reshape(-1, d);
        return linear(name + "/out", context, d, d);
    }

    /** [B*L, d] to [B, heads, L, d/heads]. */
    private static SDVariable heads(SDVariable x, SDVariable shape) {
        return x.reshape(shape).permute(0, 2, 1, 3);
    }

    /** exp(x - max) / sum(exp(x - max)) along the last of 4 axes, from plain ops. */
    private SDVariable softmaxLastAxis(SDVariable x) {
        SDVariable e = sd.math.exp(x.sub(x.max(true, 3)));
        return e.div(e.sum(true, 3));
    }

    /** Position-wise feed-forward: W2 dropout(relu(W1 x + b1)) + b2. */
    private SDVariable feedForward(String name, SDVariable x, boolean training, boolean target) {
        SDVariable h = Relu.of(linear(name + "/1", x, spec.modelDim(), spec.ffnDim()));
        if (training) {
            h = drop(name + "/hidden", h, spec.ffnDim(), target);
        }
        return linear(name + "/2", h, spec.ffnDim(), spec.modelDim());
    }

    private SDVariable linear(String name, SDVariable x, int in, int out) {
        return x.mmul(params.xavier(name + "/W", in, out)).add(params.filled(name + "/b", out, 0.0));
    }

    private SDVariable layerNorm(String name, SDVariable x, int d) {
        return sd.nn.layerNorm(x, params.filled(name + "/gain", d, 1.0), params.filled(name + "/bias", d, 0.0),
                false, 1);
    }

    private SDVariable drop(String site, SDVariable x, int width, boolean target) {
        return spec.dropout() > 0 ? dropout.apply(site, x, width, target) : x;
    }
}
