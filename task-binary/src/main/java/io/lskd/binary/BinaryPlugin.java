package io.lskd.binary;

import io.lskd.binary.model.ReActNetSmallSpec;
import io.lskd.plugin.LskdPlugin;

/** Registers the binary models; they train in the vision task, beside its real-valued teachers. */
public final class BinaryPlugin extends LskdPlugin {
    @Override
    protected void configure() {
        registerModel(ReActNetSmallSpec.class);
    }
}
