package io.lskd.binary.quant;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Larq's {@code approx_sign}: q(x) = sign(x) with sign(0) = +1; gradient 2 - 2|x| where
 * |x| <= 1, else 0: the derivative of the piecewise quadratic 2x - x|x| that Bi-Real Net uses
 * as its approximation of sign (Liu et al., ECCV 2018, Eq. 6; ReActNet's binary activation).
 */
public record ApproxSign() implements SignQuantizer {

    public static final String NAME = "approx_sign";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SDVariable gradient(SameDiff sd, SDVariable x) {
        return sd.math.abs(x).mul(-2.0).add(2.0).mul(StraightThrough.clipMask(sd, x, 1.0));
    }
}
