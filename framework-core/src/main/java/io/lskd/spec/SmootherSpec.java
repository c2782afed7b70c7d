package io.lskd.spec;

import io.lskd.spi.Smoother;

/** Configures a {@link Smoother}; plugins register implementations by type name. */
public interface SmootherSpec {

    Smoother create();
}
