package io.lskd.smooth;

import io.lskd.config.Doc;
import io.lskd.config.TypeName;
import io.lskd.spec.SmootherSpec;
import io.lskd.spi.Smoother;

/** One-hot targets. */
@TypeName(NoSmoother.NAME)
@Doc("One-hot targets, no smoothing")
public record NoSmootherSpec() implements SmootherSpec {
    @Override
    public Smoother create() {
        return new NoSmoother();
    }
}
