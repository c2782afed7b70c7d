package io.lskd.nmt.task;

import io.lskd.nmt.decode.BeamSearch;
import io.lskd.nmt.decode.LengthLimit;
import io.lskd.nmt.decode.NextTokenScorer;
import io.lskd.nmt.loss.SequenceKdDistiller;
import io.lskd.nmt.model.IncrementalDecoder;
import io.lskd.nmt.model.NmtGraph;
import io.lskd.nmt.model.TokenBatch;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.TrainingSpec;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * How long a translation run would take to train here, for the estimate printed before a suite
 * trains.
 *
 * <p>Training: a step's cost grows with its padded batch (sentences x (longest source + longest
 * target)) on top of a fixed part (the optimiser, the graph's bookkeeping), and the length-sorted
 * batches differ widely, so {@value #TIMED_STEPS} of the first epoch's batches, at evenly spaced
 * quantiles of padded size, are timed, each after {@value #WARM_UP_STEPS} warm-up steps on it; their mean
 * times the run's steps is the estimate. A word-level KD step includes its teacher's forward pass, as in
 * training.
 *
 * <p>A sequence-level KD run first has its teacher translate the training sources (counted even
 * when the teacher-output cache of a resumed suite already holds them): the untrained teacher decodes one batch of sources of
 * median length for as many steps as a mean reference has tokens, twice, and the second decode's
 * seconds per scored hypothesis scale the hypotheses a full decode scores (beam x reference length, per source).
 * Real outputs are about as long as the references; an untrained model's are forced to that
 * length here, so the figure is an estimate, not a bound.
 */
final class NmtTimeEstimate {

    static final int TIMED_STEPS = 3;

    /**
     * A shape's first two steps are the slow ones, and training meets each shape many times.
     * nmt-kd's teacher on a quiet 2-core machine, batches of 64 pairs at 20 / 33 / 45 tokens a
     * side, seconds per step from each shape's first: 8.1 7.1 2.4 2.2 / 8.0 8.2 3.4 3.5 /
     * 7.8 7.1 4.1 3.7; the 33 and 20 shapes met again ran at 2.8 and 1.9 from their first step.
     * Timing second steps overstated the real suite's rate 1.6-2.6x. Measured before each step
     * dropped its sessions ({@code NativeMemory.afterTrainingStep}); since then a fixed shape's
     * second step is fast too (16 tokens: 11.1 then 3.6 s, loaded machine), so the second
     * warm-up step may be spare; not measured on the suite.
     */
    static final int WARM_UP_STEPS = 2;

    private final int[][] sources;
    private final int[][] targets;
    private final NmtTaskSpec spec;
    /** The arm's untrained graph with its loss, as training builds it. */
    private final Function<ArmSpec, NmtGraph> graphs;

    /**
     * @param sources the training sources, each ending in EOS
     * @param targets the training references, each ending in EOS
     */
    NmtTimeEstimate(int[][] sources, int[][] targets, NmtTaskSpec spec, Function<ArmSpec, NmtGraph> graphs) {
        this.sources = sources;
        this.targets = targets;
        this.spec = spec;
        this.graphs = graphs;
    }

    /** @param teacherArm the arm's teacher, or null */
    double seconds(ArmSpec arm, ArmSpec teacherArm, TrainingSpec training) {
        NmtGraph graph = graphs.apply(arm);
        NmtGraph teacher = graph.needsTeacherTarget() ? graphs.apply(teacherArm) : null;
        double seconds = trainingSeconds(graph, teacher, training);
        if (arm.distiller().create() instanceof SequenceKdDistiller seqKd) {
            seconds += decodingSeconds(graphs.apply(teacherArm), seqKd.beamSize());
        }
        return seconds;
    }

    private double trainingSeconds(NmtGraph graph, NmtGraph teacher, TrainingSpec training) {
        List<TokenBatch> batches = NmtTrainer.batches(sources.length, training.batchSize(), targets, sources,
                        new SplittableRandom(0)).stream()
                .map(idx -> NmtTrainer.batch(idx, sources, targets))
                .sorted(Comparator.comparingLong(TokenBatch::paddedTokens))
                .toList();
        var dropout = new DropoutStream(0).random();
        long nanos = 0;
        for (int i = 0; i < TIMED_STEPS; i++) {
            TokenBatch batch = batches.get((int) ((i + 0.5) / TIMED_STEPS * batches.size()));
            for (int w = 0; w < WARM_UP_STEPS; w++) {
                step(graph, teacher, batch, training, dropout);
            }
            long start = System.nanoTime();
            step(graph, teacher, batch, training, dropout);
            nanos += System.nanoTime() - start;
        }
        return nanos / 1e9 / TIMED_STEPS * batches.size() * training.epochs();
    }

    /** One training step as {@link NmtTrainer} takes it, the word-level KD teacher's forward pass included. */
    private static void step(NmtGraph graph, NmtGraph teacher, TokenBatch batch, TrainingSpec training,
                             Random dropout) {
        INDArray teacherTarget = null;
        if (teacher != null) {
            INDArray logits = teacher.logits(batch);
            teacherTarget = graph.teacherTarget(batch, logits);
            logits.close();
        }
        graph.step(batch, teacherTarget, training.learningRate(), dropout);
    }

    private double decodingSeconds(NmtGraph teacher, int beamSize) {
        Integer[] order = NmtSession.decodingOrder(sources);
        long referenceTokens = 0;
        for (int[] target : targets) {
            referenceTokens += target.length;
        }
        int size = Math.min(spec.evalBatchSize(), sources.length);
        int from = (sources.length - size) / 2;
        int[][] chunk = new int[size][];
        int[] lengths = new int[size];
        for (int i = 0; i < size; i++) {
            chunk[i] = sources[order[from + i]];
            lengths[i] = chunk[i].length;
        }
        int steps = (int) Math.max(1, Math.round((double) referenceTokens / sources.length));
        decode(teacher, chunk, lengths, beamSize, steps); // each step's shapes once, as a full decode meets them many times
        long start = System.nanoTime();
        long hypotheses = decode(teacher, chunk, lengths, beamSize, steps);
        double perHypothesis = (System.nanoTime() - start) / 1e9 / hypotheses;
        return perHypothesis * beamSize * referenceTokens;
    }

    /** Decodes {@code chunk} with every output forced to end by {@code steps} tokens; returns the hypotheses scored. */
    private long decode(NmtGraph teacher, int[][] chunk, int[] lengths, int beamSize, int steps) {
        long[] scored = {0};
        try (IncrementalDecoder decoder = teacher.decoder(chunk)) {
            NextTokenScorer counting = (sentence, prefixes) -> {
                scored[0] += prefixes.length;
                return decoder.nextLogProbs(sentence, prefixes);
            };
            new BeamSearch(beamSize, spec.lengthPenalty(), new LengthLimit(0, steps, steps)).decode(counting, lengths);
        }
        return scored[0];
    }
}
