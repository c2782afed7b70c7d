package org.example.lskd.tabular;

import io.lskd.plugin.LskdPlugin;

/** Registers the tabular classification task and its model; found through META-INF/services. */
public final class TabularPlugin extends LskdPlugin {
    @Override
    protected void configure() {
        registerTask(TabularTaskSpec.class, TabularAdapter.class);
        registerModel(MlpSpec.class);
    }
}
