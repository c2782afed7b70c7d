package io.lskd.binary.quant;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Larq's {@code swish_sign}: q(x) = sign(x) with sign(0) = +1; gradient
 * beta (2 - beta x tanh(beta x / 2)) / (1 + cosh(beta x)), the derivative of the sign-swish
 * 2 sigmoid(beta x) (1 + beta x (1 - sigmoid(beta x))) - 1 (Darabi et al., "BNN+: Improved
 * Binary Network Training", 2018). Larq's default beta is 5.
 */
public record SwishSign(double beta) implements SignQuantizer {

    public static final String NAME = "swish_sign";

    public SwishSign {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("swish_sign: beta must be > 0, got " + beta);
        }
    }

    public SwishSign() {
        this(5.0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SDVariable gradient(SameDiff sd, SDVariable x) {
        SDVariable bx = x.mul(beta);
        SDVariable numerator = bx.mul(sd.math.tanh(bx.mul(0.5))).rsub(2.0).mul(beta);
        return numerator.div(sd.math.cosh(bx).add(1.0));
    }
}
