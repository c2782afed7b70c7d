package io.lskd.nmt;

import io.lskd.nmt.loss.SequenceKdSpec;
import io.lskd.nmt.loss.WordKdSpec;
import io.lskd.nmt.model.TransformerSpec;
import io.lskd.nmt.task.NmtAdapter;
import io.lskd.nmt.task.NmtTaskSpec;
import io.lskd.plugin.LskdPlugin;

/** Registers the translation task, the Transformer and the sequence distillers. */
public final class NmtPlugin extends LskdPlugin {
    @Override
    protected void configure() {
        registerTask(NmtTaskSpec.class, NmtAdapter.class);
        registerModel(TransformerSpec.class);
        registerDistiller(WordKdSpec.class);
        registerDistiller(SequenceKdSpec.class);
    }
}
