package io.lskd.binary.quant;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Larq's {@code ste_sign}: q(x) = sign(x) with sign(0) = +1; gradient 1 where |x| <= clip, else 0
 * (the clipped straight-through estimator of Hubara et al., "Binarized Neural Networks", 2016).
 * A clip of +infinity passes every gradient.
 */
public record SteSign(double clip) implements SignQuantizer {

    public static final String NAME = "ste_sign";

    public SteSign {
        if (!(clip > 0)) {
            throw new IllegalArgumentException("ste_sign: clip must be > 0, got " + clip);
        }
    }

    public SteSign() {
        this(1.0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SDVariable gradient(SameDiff sd, SDVariable x) {
        return Double.isInfinite(clip) ? sd.onesLike(x) : StraightThrough.clipMask(sd, x, clip);
    }
}
