package io.lskd.nmt.model;

import io.lskd.graph.Relu;
import java.util.ArrayList;
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
 * One matrix E [V, d] embeds source and target tokens (scaled by sqrt(d)) and, transposed,
 * projects the decoder's output to logits (Press and Wolf 2017), as fairseq's
 * {@code --share-all-embeddings}. The graph reads the tokens' rows of E as inputs
 * ({@link SequenceInputs#embedded}), and whoever trains it adds their gradient to E's
 * ({@link NmtGraph}): {@code sd.gather}'s backward is wrong or crashes in ND4J 1.0.0-M2.1
 * (DL4J-NOTES.md), and a one-hot matrix product costs B x L x V x d forward and twice that
 * backward, as much as the output projection.
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

    /**
     * Each decoder layer's cross-attention keys and values of an encoder output (each [B*S, d],
     * in the order k0, v0, k1, v1, ...), computed once per encoded batch for {@link #decodeStep}.
     */
    public List<SDVariable> crossKeysValues(SDVariable memory) {
        int d = spec.modelDim();
        List<SDVariable> out = new ArrayList<>();
        for (int l = 0; l < spec.decoderLayers(); l++) {
            out.add(linear("dec" + l + "/cross/k", memory, d, d));
            out.add(linear("dec" + l + "/cross/v", memory, d, d));
        }
        return out;
    }

    /**
     * One step of incremental decoding (fairseq's incremental state): the decoder's hidden state
     * for each row's newest token, [R, d], reading the self-attention keys and values of the
     * row's earlier positions from a cache instead of recomputing them. Equal to the last
     * position of {@link #decode} over the whole prefix, in inference mode.
     *
     * @param step the newest token of each row, its position encoding, the cached keys and
     *     values and the cross-attention inputs
     * @return the hidden states, and each layer's keys and values with this step's appended
     *     (the next step's cache)
     */
    public StepOutput decodeStep(StepInputs step) {
        int d = spec.modelDim();
        SDVariable x = step.embedded().mul(Math.sqrt(d)).add(step.positions());
        List<SDVariable> cache = new ArrayList<>();
        for (int l = 0; l < spec.decoderLayers(); l++) {
            String p = "dec" + l;
            SDVariable pastKeys = step.pastKeysValues().get(2 * l);
            SDVariable pastValues = step.pastKeysValues().get(2 * l + 1);
            x = residual(p + "/self", x, false, true, h -> {
                SDVariable query = newestPosition(linear(p + "/self/q", h, d, d));
                SDVariable keys = sd.concat(1, pastKeys, newestPosition(linear(p + "/self/k", h, d, d)));
                SDVariable values = sd.concat(1, pastValues, newestPosition(linear(p + "/self/v", h, d, d)));
                cache.add(keys);
                cache.add(values);
                return attendNewest(p + "/self", query, keys, values, step.pastMask());
            });
            SDVariable crossKeys = step.crossKeysValues().get(2 * l);
            SDVariable crossValues = step.crossKeysValues().get(2 * l + 1);
            x = residual(p + "/cross", x, false, true, h -> attendNewest(p + "/cross",
                    newestPosition(linear(p + "/cross/q", h, d, d)), crossKeys, crossValues, step.sourceMask()));
            x = residual(p + "/ffn", x, false, true, h -> feedForward(p + "/ffn", h, false, true));
        }
        return new StepOutput(spec.preNorm() ? layerNorm("dec/norm", x, d) : x, cache);
    }

    /** [R, d] to [R, 1, heads, d/heads]: one position per row, split per head. */
    private SDVariable newestPosition(SDVariable x) {
        return x.reshape(-1, 1, spec.heads(), spec.headDim());
    }

    /**
     * The inputs of {@link #decodeStep} for R rows (hypotheses) whose prefixes have P cached positions.
     *
     * @param embedded the newest token of each row as its row of the shared embedding, [R, d]
     * @param positions its position encoding, [R, d]
     * @param pastKeysValues per decoder layer, the cached self-attention keys and values,
     *     [R, P, heads, d/heads] each, in the order k0, v0, k1, v1, ...
     * @param pastMask additive mask over the P cached positions and the newest, [1, P + 1, 1, 1]
     * @param crossKeysValues per decoder layer, the cross-attention keys and values of the row's
     *     source ({@link #crossKeysValues}), [R, S, heads, d/heads] each
     * @param sourceMask the key-padding mask of the row's source, [R, S, 1, 1]
     */
    public record StepInputs(SDVariable embedded, SDVariable positions, List<SDVariable> pastKeysValues,
                             SDVariable pastMask, List<SDVariable> crossKeysValues, SDVariable sourceMask) {
    }

    /**
     * @param hidden the decoder's hidden state for each row's newest token, [R, d]
     * @param keysValues per decoder layer, the self-attention keys and values with the newest
     *     position appended, [R, P + 1, heads, d/heads] each, in the order k0, v0, k1, v1, ...
     */
    public record StepOutput(SDVariable hidden, List<SDVariable> keysValues) {
    }

    /** Logits over the vocabulary, [rows, V]: hidden states times the shared embedding, transposed. */
    public SDVariable logits(SDVariable hidden) {
        return sd.mmul(hidden, embedding(), false, true, false);
    }

    public SDVariable embedding() {
        return sd.getVariable(EMBEDDING);
    }

    private SDVariable embed(SequenceInputs in, boolean training, String side) {
        SDVariable x = in.embedded().mul(Math.sqrt(spec.modelDim())).add(in.positions());
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

    /** Multi-head attention of query rows over key-value rows (each [rows, d], shaped per head by the shapes). */
    private SDVariable attention(String name, SDVariable query, SDVariable keyValue, SDVariable queryShape,
                                 SDVariable keyShape, SDVariable mask) {
        int d = spec.modelDim();
        return attend(name, heads(linear(name + "/q", query, d, d), queryShape),
                heads(linear(name + "/k", keyValue, d, d), keyShape),
                heads(linear(name + "/v", keyValue, d, d), keyShape), mask);
    }

    /**
     * Scaled dot-product attention per head, softmax(Q K^T / sqrt(d_h) + mask) V, over
     * [B, heads, L, d/heads] queries, keys and values; heads concatenated to [B*Lq, d] and projected.
     */
    private SDVariable attend(String name, SDVariable q, SDVariable k, SDVariable v, SDVariable mask) {
        int d = spec.modelDim();
        SDVariable scores = q.mmul(k.permute(0, 1, 3, 2)).mul(1.0 / Math.sqrt(spec.headDim())).add(mask);
        SDVariable weights = softmaxLastAxis(scores);
        SDVariable context = weights.mmul(v).permute(0, 2, 1, 3).reshape(-1, d);
        return linear(name + "/out", context, d, d);
    }

    /**
     * Attention of one query per row, [R, 1, heads, d/heads], over keys and values [R, P, heads,
     * d/heads] with an additive mask [R or 1, P, 1, 1]: the same softmax(q k^T / sqrt(d_h) + mask) v
     * per head as {@link #attend}, written as broadcast products and sums. As a batched matrix
     * product it would be R x heads products of a single row, which ND4J runs one at a time.
     */
    private SDVariable attendNewest(String name, SDVariable q, SDVariable k, SDVariable v, SDVariable mask) {
        int d = spec.modelDim();
        SDVariable scores = q.mul(k).sum(true, 3).mul(1.0 / Math.sqrt(spec.headDim())).add(mask);
        SDVariable e = sd.math.exp(scores.sub(scores.max(true, 1)));
        SDVariable context = e.div(e.sum(true, 1)).mul(v).sum(false, 1).reshape(-1, d);
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
