package io.lskd.nmt;

import io.lskd.nmt.bench.NmtWorkload;
import io.lskd.nmt.loss.SequenceKdSpec;
import io.lskd.nmt.loss.WordKdSpec;
import io.lskd.nmt.model.TransformerSpec;
import io.lskd.nmt.task.NmtAdapter;
import io.lskd.nmt.task.NmtTaskSpec;
import io.lskd.plugin.LskdPlugin;

/** Registers the translation task, the Transformer, the sequence distillers and the Transformers' benchmarks. */
public final class NmtPlugin extends LskdPlugin {

    /** nmt-kd's teacher and student (experiments' suites/nmt-kd.json). */
    public static final TransformerSpec NMT_KD_TEACHER = new TransformerSpec(3, 3, 256, 4, 1024, 0.1, true);
    public static final TransformerSpec NMT_KD_STUDENT = new TransformerSpec(2, 2, 128, 4, 512, 0.1, true);

    @Override
    protected void configure() {
        registerTask(NmtTaskSpec.class, NmtAdapter.class);
        registerModel(TransformerSpec.class);
        registerDistiller(WordKdSpec.class);
        registerDistiller(SequenceKdSpec.class);
        registerWorkload("transformer-teacher", NmtWorkload.factory(NMT_KD_TEACHER, "teacher", 2));
        registerWorkload("transformer-student", NmtWorkload.factory(NMT_KD_STUDENT, "student", 2));
    }
}
