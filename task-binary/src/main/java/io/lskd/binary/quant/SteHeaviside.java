package io.lskd.binary.quant;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Larq's {@code ste_heaviside}: q(x) = 1 where x > 0, else 0; gradient 1 where |x| <= clip,
 * else 0 (clipped straight-through estimator).
 */
public record SteHeaviside(double clip) implements Quantizer {

    public static final String NAME = "ste_heaviside";

    public SteHeaviside {
        if (!(clip > 0)) {
            throw new IllegalArgumentException("ste_heaviside: clip must be > 0, got " + clip);
        }
    }

    public SteHeaviside() {
        this(1.0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int bits() {
        return 1;
    }

    @Override
    public SDVariable forward(SameDiff sd, SDVariable x) {
        return sd.math.step(x, 0.0);
    }

    @Override
    public SDVariable gradient(SameDiff sd, SDVariable x) {
        return StraightThrough.clipMask(sd, x, clip);
    }
}
