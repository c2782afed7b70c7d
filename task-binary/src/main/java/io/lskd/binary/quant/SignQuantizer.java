package io.lskd.binary.quant;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A binary quantizer of the sign family: one bit per value, borders padded with +1 (a 0 is not a
 * value binary data can take), and by default q(x) = sign(x) with sign(0) = +1, as Larq's sign
 * quantizers (ND4J's sign gives 0 at 0). Members differ in their gradient rule and scale.
 */
public interface SignQuantizer extends Quantizer {

    @Override
    default int bits() {
        return 1;
    }

    @Override
    default double padValue() {
        return 1;
    }

    @Override
    default SDVariable forward(SameDiff sd, SDVariable x) {
        return StraightThrough.signZeroPositive(sd, x);
    }
}
