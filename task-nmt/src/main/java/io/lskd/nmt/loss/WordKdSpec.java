package io.lskd.nmt.loss;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.graph.GraphDistiller;
import io.lskd.spec.DistillerSpec;

/** Word-level KD on the teacher's top-k tokens mixed with smoothed CE (see {@link WordKdDistiller}). */
@TypeName(WordKdDistiller.NAME)
@Doc("Word-level KD (Tan et al. 2019): a T^2 CE(top-k softmax(z_t/T), p_s(T)) + (1-a) CE(y_LS, p_s), per token")
public record WordKdSpec(
        @Range(min = 0, minExclusive = true) @Doc("Temperature T (default 1)") Double temperature,
        @Range(min = 0, max = 1) @Doc("Weight a of the KD term (default 0.5)") Double alpha,
        @Range(min = 1) @Doc("Teacher tokens kept per position, k (default 8, as Tan et al.)") Integer topK)
        implements DistillerSpec {

    public WordKdSpec {
        temperature = temperature == null ? 1.0 : temperature;
        alpha = alpha == null ? 0.5 : alpha;
        topK = topK == null ? 8 : topK;
    }

    @Override
    public GraphDistiller create() {
        return new WordKdDistiller(temperature, alpha, topK);
    }
}
