package io.lskd.binary.quant;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Larq's {@code magnitude_aware_sign}, for kernels: q(x) = s * sign(x) with sign(0) = +1 and s
 * the mean of |x| over every axis but the last (one scale per output channel, YXIO kernels and
 * [in, out] dense weights), treated as a constant; gradient s where |x| <= clip, else 0.
 * Bi-Real Net (Liu et al., ECCV 2018, Eq. 7) and ReActNet scale their binary weights this way.
 */
public record MagnitudeAwareSign(double clip) implements SignQuantizer {

    public static final String NAME = "magnitude_aware_sign";

    public MagnitudeAwareSign {
        if (!(clip > 0)) {
            throw new IllegalArgumentException("magnitude_aware_sign: clip must be > 0, got " + clip);
        }
    }

    public MagnitudeAwareSign() {
        this(1.0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SDVariable forward(SameDiff sd, SDVariable x) {
        return StraightThrough.signZeroPositive(sd, x).mul(scale(sd, x, rank(x)));
    }

    @Override
    public SDVariable gradient(SameDiff sd, SDVariable x) {
        return StraightThrough.clipMask(sd, x, clip).mul(scale(sd, x, rank(x)));
    }

    /** As the interface's, with the scale's axes taken from the kernel (a stopped copy's shape is unknown). */
    @Override
    public SDVariable quantize(SameDiff sd, SDVariable x) {
        int rank = rank(x);
        SDVariable held = StraightThrough.stop(sd, x);
        SDVariable scale = scale(sd, held, rank);
        return StraightThrough.combine(sd, x, StraightThrough.signZeroPositive(sd, held).mul(scale),
                StraightThrough.clipMask(sd, held, clip).mul(scale));
    }

    private static int rank(SDVariable x) {
        int rank = x.getShape() == null ? -1 : x.getShape().length;
        if (rank < 2) {
            throw new IllegalArgumentException("magnitude_aware_sign needs a kernel of known rank >= 2, got "
                    + (rank < 0 ? "an unknown shape" : "rank " + rank) + " for " + x.name());
        }
        return rank;
    }

    /** mean |x| over all axes but the last, kept broadcastable. */
    private static SDVariable scale(SameDiff sd, SDVariable x, int rank) {
        int[] axes = new int[rank - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return sd.math.abs(x).mean(true, axes);
    }
}
