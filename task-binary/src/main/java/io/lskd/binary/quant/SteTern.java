package io.lskd.binary.quant;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Larq's {@code ste_tern}: q(x) = sign(sign(x + t) + sign(x - t)), i.e. +1 above t, -1 below -t,
 * 0 between (the bounds themselves go to +-1); gradient 1 where |x| <= clip, else 0. The
 * threshold t is fixed, or with {@code ternaryWeightNetworks} 0.7 mean(|x|) over the whole
 * tensor (Li et al., "Ternary Weight Networks", 2016). Larq's defaults: t = 0.05, clip 1.
 */
public record SteTern(double threshold, boolean ternaryWeightNetworks, double clip) implements Quantizer {

    public static final String NAME = "ste_tern";

    public SteTern {
        if (!(threshold >= 0) || !(clip > 0)) {
            throw new IllegalArgumentException("ste_tern: threshold must be >= 0 and clip > 0, got " + threshold
                    + " and " + clip);
        }
    }

    public SteTern() {
        this(0.05, false, 1.0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int bits() {
        return 2;
    }

    @Override
    public SDVariable forward(SameDiff sd, SDVariable x) {
        if (!ternaryWeightNetworks) {
            return sd.math.sign(sd.math.sign(x.add(threshold)).add(sd.math.sign(x.sub(threshold))));
        }
        SDVariable t = sd.math.abs(x).mean().mul(0.7);
        return sd.math.sign(sd.math.sign(x.add(t)).add(sd.math.sign(x.sub(t))));
    }

    @Override
    public SDVariable gradient(SameDiff sd, SDVariable x) {
        return StraightThrough.clipMask(sd, x, clip);
    }
}
