package io.lskd.distill;

import io.lskd.config.Doc;
import io.lskd.config.TypeName;
import io.lskd.graph.GraphDistiller;
import io.lskd.spec.DistillerSpec;

/** Cross-entropy against the (smoothed) hard-label targets; no teacher. */
@TypeName(CrossEntropyDistiller.NAME)
@Doc("Cross-entropy against the smoothed hard-label targets; no teacher")
public record CrossEntropySpec() implements DistillerSpec {
    @Override
    public GraphDistiller create() {
        return new CrossEntropyDistiller();
    }
}
