package org.example.lskd.reversekl;

import io.lskd.plugin.LskdPlugin;

/** The plugin: a Guice module that lskd finds through META-INF/services/io.lskd.plugin.LskdPlugin. */
public final class ReverseKlPlugin extends LskdPlugin {
    @Override
    protected void configure() {
        registerDistiller(ReverseKlSpec.class);
    }
}
