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

    /**
     * One native thread per copy: faster than two for the student (lskd bench, 2 cores shared
     * with other work, training target tokens/s at 1 / 2 threads: 571 / 131, collecting after every step; README
     * "Performance"); the teacher, the same family, ran out of the launcher's 8 GB there.
     */
    static final int BENCH_THREADS = 1;

    @Override
    protected void configure() {
        registerTask(NmtTaskSpec.class, NmtAdapter.class);
        registerModel(TransformerSpec.class);
        registerDistiller(WordKdSpec.class);
        registerDistiller(SequenceKdSpec.class);
        registerWorkload("transformer-teacher", NmtWorkload.factory(NMT_KD_TEACHER, "teacher", BENCH_THREADS));
        registerWorkload("transformer-student", NmtWorkload.factory(NMT_KD_STUDENT, "student", BENCH_THREADS));
    }
}
