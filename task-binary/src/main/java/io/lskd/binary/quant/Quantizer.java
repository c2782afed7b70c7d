package io.lskd.binary.quant;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A quantizer as in Larq: a forward function q(x) and its gradient rule, the derivative that
 * backpropagation uses in place of q's own (zero almost everywhere). {@link #quantize} builds
 * both into one SameDiff expression with the stop-gradient trick, so any graph that uses it
 * trains with the rule.
 */
public interface Quantizer {

    /** The name a suite uses for it, e.g. {@code ste_sign} (Larq's names). */
    String name();

    /** Bits per quantized value: 1 for binary, 2 for ternary, k for k-bit; 32 for none. */
    int bits();

    /**
     * The value a zero-padded border must take so that it looks like quantized data: +1 for the
     * sign quantizers (Larq's {@code pad_values=1}: a 0 is not a value a binary input can take),
     * 0 otherwise.
     */
    default double padValue() {
        return 0;
    }

    /** q(x), elementwise or with whole-tensor statistics; need not be differentiable. */
    SDVariable forward(SameDiff sd, SDVariable x);

    /** The gradient rule dq/dx, elementwise, as the straight-through estimator uses it. */
    SDVariable gradient(SameDiff sd, SDVariable x);

    /**
     * q(x) alone, for an inference pass that is never differentiated: the same values as
     * {@link #quantize} without its gradient machinery (fewer ops and temporaries).
     */
    default SDVariable inference(SameDiff sd, SDVariable x) {
        return forward(sd, x);
    }

    /** q(x) in the forward pass, with gradient {@link #gradient} times the incoming one in backward. */
    default SDVariable quantize(SameDiff sd, SDVariable x) {
        SDVariable held = StraightThrough.stop(sd, x);
        return StraightThrough.combine(sd, x, forward(sd, held), gradient(sd, held));
    }
}
