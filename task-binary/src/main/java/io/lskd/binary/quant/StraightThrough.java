package io.lskd.binary.quant;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * The stop-gradient trick that gives a forward function any gradient rule. With sg() the
 * identity whose gradient is zero (DL4J-NOTES.md: {@code StopGradient} works in M2.1),
 * <pre>
 *   a = x * sg(g(x));   y = sg(q(x)) + (a - sg(a))
 * </pre>
 * y equals q(x) exactly in the forward pass (a - a is exactly 0 for finite a), and
 * dy/dx = g(x). Larq's {@code x + stop_gradient(q(x) - x)} form is the case g = 1; writing it
 * as above keeps the forward value bit-exact (x + (q - x) can round away from q) and lets g be
 * any rule, not only a clip mask.
 */
public final class StraightThrough {

    private StraightThrough() {
    }

    /** The identity in the forward pass, zero gradient in backward. */
    public static SDVariable stop(SameDiff sd, SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }

    /**
     * q in forward, {@code gradient} times the incoming gradient w.r.t. x in backward.
     *
     * @param forward q(x), computed from a stopped copy of x
     * @param gradient the rule g(x), elementwise, computed from a stopped copy of x
     */
    public static SDVariable combine(SameDiff sd, SDVariable x, SDVariable forward, SDVariable gradient) {
        SDVariable surrogate = x.mul(stop(sd, gradient));
        return stop(sd, forward).add(surrogate.sub(stop(sd, surrogate)));
    }

    /** 1 where |x| <= clip, else 0: the clipped straight-through estimator's mask (Larq's rule, bounds included). */
    static SDVariable clipMask(SameDiff sd, SDVariable x, double clip) {
        return sd.math.step(sd.math.abs(x), clip).rsub(1.0);
    }

    /** sign(x) with sign(0) = +1 (Larq's {@code sign(sign(x) + 0.1)}; ND4J's sign maps 0 to 0). */
    static SDVariable signZeroPositive(SameDiff sd, SDVariable x) {
        return sd.math.sign(sd.math.sign(x).add(0.1));
    }
}
