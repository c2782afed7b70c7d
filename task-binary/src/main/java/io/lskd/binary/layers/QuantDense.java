package io.lskd.binary.layers;

import io.lskd.binary.quant.NoQuantizer;
import io.lskd.binary.quant.Quantizer;
import io.lskd.graph.Constraint;
import io.lskd.graph.GraphBuilder;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Larq's {@code QuantDense} on SameDiff: q_in(x) [B, in] times q_k(W) [in, out] plus b, with W the
 * latent real-valued kernel; without quantizers exactly {@link GraphBuilder#dense} (same
 * variables, same initialisation).
 */
public record QuantDense(int in, int out, Quantizer inputQuantizer, Quantizer kernelQuantizer,
                         Constraint kernelConstraint) {

    private static final Logger LOG = LoggerFactory.getLogger(QuantDense.class);

    public QuantDense {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("QuantDense: sizes must be >= 1, got " + in + " -> " + out);
        }
        inputQuantizer = inputQuantizer == null ? new NoQuantizer() : inputQuantizer;
        kernelQuantizer = kernelQuantizer == null ? new NoQuantizer() : kernelQuantizer;
    }

    /** A plain dense layer to refine with the withers. */
    public static QuantDense of(int in, int out) {
        return new QuantDense(in, out, null, null, null);
    }

    public QuantDense inputQuantizer(Quantizer q) {
        return new QuantDense(in, out, q, kernelQuantizer, kernelConstraint);
    }

    public QuantDense kernelQuantizer(Quantizer q) {
        return new QuantDense(in, out, inputQuantizer, q, kernelConstraint);
    }

    public QuantDense kernelConstraint(Constraint c) {
        return new QuantDense(in, out, inputQuantizer, kernelQuantizer, c);
    }

    /** Builds the layer on {@code x} [B, in] under {@code name} (variables name/W, name/b). */
    public SDVariable apply(GraphBuilder g, LayerLedger ledger, String name, SDVariable x) {
        SameDiff sd = g.sameDiff();
        double bound = 1.0 / Math.sqrt(in);
        SDVariable w = g.uniformVariable(name + "/W", bound, in, out);
        SDVariable b = g.uniformVariable(name + "/b", bound, out);
        if (g.isTraining()) {
            if (kernelConstraint != null) {
                g.constrain(w.name(), kernelConstraint);
            }
            KernelCheck.unclippedBinaryKernel(name, kernelQuantizer, kernelConstraint).ifPresent(LOG::warn);
        }
        // the inference pass is never differentiated: the quantizers' values alone
        SDVariable input = g.isTraining() ? inputQuantizer.quantize(sd, x) : inputQuantizer.inference(sd, x);
        ledger.record(name, w.name(), inputQuantizer, kernelQuantizer, input.name());
        SDVariable weights = g.isTraining() ? kernelQuantizer.quantize(sd, w) : kernelQuantizer.inference(sd, w);
        return input.mmul(weights).add(b);
    }
}
