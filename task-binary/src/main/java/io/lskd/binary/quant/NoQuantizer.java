package io.lskd.binary.quant;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** No quantization: the identity, so a quantized layer without quantizers is the plain layer. */
public record NoQuantizer() implements Quantizer {

    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int bits() {
        return 32;
    }

    @Override
    public SDVariable forward(SameDiff sd, SDVariable x) {
        return x;
    }

    @Override
    public SDVariable gradient(SameDiff sd, SDVariable x) {
        return sd.onesLike(x);
    }

    @Override
    public SDVariable quantize(SameDiff sd, SDVariable x) {
        return x;
    }
}
