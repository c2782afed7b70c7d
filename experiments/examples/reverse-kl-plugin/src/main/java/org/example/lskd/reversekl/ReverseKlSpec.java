package org.example.lskd.reversekl;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.graph.GraphDistiller;
import io.lskd.spec.DistillerSpec;

/** What a suite writes: {@code {"type": "reverse-kl", "temperature": 2, "lambda": 0.9}}. */
@TypeName(ReverseKlDistiller.NAME)
@Doc("Reverse-KL KD: (1-l) CE + l T^2 KL(p_s(T) || p_t(T)) (example plugin)")
public record ReverseKlSpec(
        @Range(min = 0, minExclusive = true) @Doc("Temperature T (default 2)") Double temperature,
        @Range(min = 0, max = 1) @Doc("Weight l of the reverse KL (default 0.9)") Double lambda)
        implements DistillerSpec {

    public ReverseKlSpec {
        temperature = temperature == null ? 2.0 : temperature;
        lambda = lambda == null ? 0.9 : lambda;
    }

    @Override
    public GraphDistiller create() {
        return new ReverseKlDistiller(temperature, lambda);
    }
}
