package io.lskd.nmt.bench;

import io.lskd.bench.Workload;
import io.lskd.bench.WorkloadFactory;
import io.lskd.distill.CrossEntropySpec;
import io.lskd.nmt.loss.TokenTargets;
import io.lskd.nmt.model.NmtGraph;
import io.lskd.nmt.model.TokenBatch;
import io.lskd.nmt.model.TransformerSpec;
import io.lskd.nmt.model.Vocabulary;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A translation Transformer's training step exactly as nmt-kd takes it (cross-entropy without
 * smoothing, dropout, Adam), on a fixed synthetic batch: B sentence pairs of {@value #LENGTH}
 * source and {@value #LENGTH} target tokens each (random ids, EOS last, no padding) over
 * nmt-kd's joint vocabulary of {@value #VOCABULARY}. Fixed shapes keep the data pipeline and
 * the length mix of real batches out of the figure and match the PyTorch peer
 * (experiments/bench/peers/nmt.py). Inference is the teacher-forced forward pass (logits of every
 * target position), as a teacher gives word-level KD its targets. Throughput counts target
 * tokens.
 */
public final class NmtWorkload implements Workload {

    /** nmt-kd's joint BPE vocabulary, reserved symbols included. */
    static final int VOCABULARY = 8000;
    /**
     * Tokens per sentence on each side, EOS included: about a Bible verse, whose mean is 23 Spanish
     * and 24 English words before punctuation and words are split into subwords.
     */
    static final int LENGTH = 32;
    /** nmt-kd's learning rate (the value does not change the step's cost). */
    private static final double LEARNING_RATE = 7e-4;

    private final NmtGraph graph;
    private final TokenBatch batch;
    private final Random dropoutRandom;

    private NmtWorkload(TransformerSpec spec, int batchSize, long seed) {
        this.graph = new NmtGraph(spec, VOCABULARY, new CrossEntropySpec().create(), new TokenTargets(1.0, 0.0),
                DataType.FLOAT, seed);
        SplittableRandom random = new SplittableRandom(seed);
        this.batch = new TokenBatch(sentences(batchSize, random), sentences(batchSize, random));
        this.dropoutRandom = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** {@code count} sentences of {@value #LENGTH} ids: ordinary tokens, then EOS. */
    private static int[][] sentences(int count, SplittableRandom random) {
        int[][] out = new int[count][LENGTH];
        for (int[] sentence : out) {
            for (int p = 0; p < LENGTH - 1; p++) {
                sentence[p] = random.nextInt(Vocabulary.RESERVED.length, VOCABULARY);
            }
            sentence[LENGTH - 1] = Vocabulary.EOS;
        }
        return out;
    }

    /**
     * A factory for {@code lskd bench --model NAME}.
     *
     * @param role what nmt-kd uses the model as, for the description
     * @param threads the native threads one copy trains fastest with, as measured
     */
    public static WorkloadFactory factory(TransformerSpec spec, String role, int threads) {
        return new WorkloadFactory() {
            @Override
            public String description() {
                return "nmt-kd " + role + ": Transformer d " + spec.modelDim() + ", " + spec.encoderLayers() + "+"
                        + spec.decoderLayers() + " layers, " + spec.heads() + " heads, FFN " + spec.ffnDim() + ", "
                        + (spec.preNorm() ? "pre-norm" : "post-norm") + ", dropout " + spec.dropout()
                        + ", shared embeddings; " + LENGTH + "+" + LENGTH + " tokens per pair, vocabulary "
                        + VOCABULARY + ", cross-entropy, Adam";
            }

            @Override
            public int defaultBatchSize() {
                return 64;
            }

            @Override
            public int defaultThreads() {
                return threads;
            }

            @Override
            public Workload create(int batchSize, long seed) {
                return new NmtWorkload(spec, batchSize, seed);
            }
        };
    }

    @Override
    public String unit() {
        return "target tokens";
    }

    @Override
    public int itemsPerStep() {
        return batch.targetTokens();
    }

    @Override
    public long parameterCount() {
        return graph.parameterCount();
    }

    @Override
    public void trainStep() {
        graph.step(batch, null, LEARNING_RATE, dropoutRandom);
    }

    @Override
    public void inferStep() {
        graph.logits(batch).close();
    }
}
