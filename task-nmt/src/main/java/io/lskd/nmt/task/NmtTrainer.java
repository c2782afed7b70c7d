package io.lskd.nmt.task;

import io.lskd.graph.Adam;
import io.lskd.graph.CheckpointFolder;
import io.lskd.graph.FreePages;
import io.lskd.graph.TrainingCheckpoint;
import io.lskd.graph.TrainingDivergedException;
import io.lskd.graph.TrainingInterruptedException;
import io.lskd.nmt.model.NmtGraph;
import io.lskd.nmt.model.TokenBatch;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.TrainingMonitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training loop of a translation model. Each epoch draws a fresh permutation from one
 * seeded stream (equal data seeds, equal order), cuts it into pools of {@value #POOL} batches,
 * sorts each pool by length so that a batch pads little, and shuffles the batches; an epoch has
 * exactly ceil(n / batch size) batches, as the runner's progress expects. Word-level KD runs
 * the teacher on each batch in inference mode for its top-k distribution. Each epoch reports
 * its mean loss per target token and its training speed in target tokens per second (the
 * teacher's forward pass included).
 *
 * <p>Checkpoints are the classifier trainer's ({@link CheckpointFolder}, {@link TrainingCheckpoint}):
 * when the monitor names a folder, one is written at the end of every epoch (after the epoch is
 * reported) and every {@link TrainingSpec#checkpointSteps()} steps, holding the parameters,
 * Adam's moments and step, the position, the partial epoch's loss sum and the dropout stream's
 * state ({@value #DROPOUT}); training starts from the newest one there. The batch order needs
 * no state: the order stream is replayed through the epochs before the resumed one, and the
 * partial epoch's token count is recounted from its batches. So a resumed run computes the same
 * bits as one that never stopped. When the monitor reports a stop request, the loop checkpoints
 * after the current step and throws {@link TrainingInterruptedException}.
 */
final class NmtTrainer {

    /** Batches per length-sorted pool. */
    static final int POOL = 50;

    /** The checkpoint entry of the dropout stream's state. */
    static final String DROPOUT = "dropout";

    private NmtTrainer() {}

    /**
     * Trains {@code model} in place, from the newest checkpoint in the monitor's folder if there is one.
     *
     * @param sources training sources, each ending in EOS
     * @param targets training targets (references or a teacher's translations), each ending in EOS
     * @param teacher the word-level KD teacher, or null
     * @param epochMetrics evaluated after each epoch (1-based)
     * @throws TrainingDivergedException at the first non-finite loss, before the step is applied
     * @throws TrainingInterruptedException when the monitor asked to stop
     * @throws IllegalStateException when the newest checkpoint belongs to another run or model
     */
    static void train(NmtModel model, int[][] sources, int[][] targets, NmtModel teacher, TrainingSpec training,
                      long dataSeed, TrainingMonitor monitor, IntFunction<Map<String, Double>> epochMetrics) {
        NmtGraph graph = model.graph();
        int n = sources.length;
        int stepsPerEpoch = training.stepsPerEpoch(n);
        long totalSteps = (long) stepsPerEpoch * training.epochs();
        Path folder = monitor.checkpointFolder();
        CheckpointFolder checkpoints = folder == null ? null : new CheckpointFolder(folder);
        Optional<TrainingCheckpoint> resume = checkpoints == null ? Optional.empty() : checkpoints.newest();
        int startEpoch = 1;
        int startStep = 0;
        long t = 0;
        double resumedLossSum = 0;
        if (resume.isPresent()) {
            TrainingCheckpoint c = resume.get();
            restore(model, c, dataSeed, stepsPerEpoch, folder);
            startEpoch = c.epochFinished() ? c.epoch() + 1 : c.epoch();
            startStep = c.epochFinished() ? 0 : c.step();
            t = c.globalStep();
            resumedLossSum = c.lossSum();
            monitor.startingAt(c.epoch(), c.step());
        } else {
            monitor.startingAt(1, 0);
        }
        Integer every = training.checkpointSteps();
        SplittableRandom order = new SplittableRandom(dataSeed);
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            List<int[]> batches = batches(n, training.batchSize(), targets, sources, order);
            if (epoch < startEpoch) {
                continue; // its batches were drawn only to bring the order stream where it was
            }
            int firstStep = epoch == startEpoch ? startStep : 0;
            double lossSum = firstStep > 0 ? resumedLossSum : 0;
            long tokens = 0;
            for (int step = 0; step < firstStep; step++) {
                tokens += targetTokens(batches.get(step), targets);
            }
            long tokensHere = 0; // trained by this process, for the speed
            long start = System.nanoTime();
            for (int step = firstStep; step < batches.size(); step++) {
                int[] idx = batches.get(step);
                TokenBatch batch = batch(idx, sources, targets);
                INDArray teacherTarget = null;
                if (graph.needsTeacherTarget()) {
                    INDArray teacherLogits = teacher.paddedLogits(batch);
                    teacherTarget = graph.teacherTarget(batch, teacherLogits);
                    teacherLogits.close();
                }
                double loss = graph.step(batch, teacherTarget, training.learningRateAt(t, totalSteps),
                        model.dropout().random());
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, step + 1, loss);
                }
                lossSum += loss * batch.targetTokens();
                tokens += batch.targetTokens();
                tokensHere += batch.targetTokens();
                t++;
                monitor.step(epoch, step + 1, stepsPerEpoch, loss, idx.length);
                if (step + 1 < stepsPerEpoch) {
                    boolean stop = monitor.stopRequested();
                    if (checkpoints != null && (stop || (every != null && t % every == 0))) {
                        checkpoint(checkpoints, model, epoch, step + 1, stepsPerEpoch, t, dataSeed, lossSum, monitor);
                    }
                    if (stop) {
                        throw new TrainingInterruptedException(epoch, step + 1, checkpoints != null);
                    }
                }
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", lossSum / tokens);
            metrics.put("lr_end", training.learningRateAt(t, totalSteps));
            metrics.put("train_tokens_per_s", tokensHere / ((System.nanoTime() - start) / 1e9));
            metrics.putAll(epochMetrics.apply(epoch));
            monitor.epochEnded(epoch, metrics);
            if (checkpoints != null) {
                checkpoint(checkpoints, model, epoch, stepsPerEpoch, stepsPerEpoch, t, dataSeed, lossSum, monitor);
            }
            // the epoch's partial batch and held-out batches leave pages jemalloc would not reuse well
            FreePages.release();
            if (epoch < training.epochs() && monitor.stopRequested()) {
                throw new TrainingInterruptedException(epoch, stepsPerEpoch, checkpoints != null);
            }
        }
    }

    private static void checkpoint(CheckpointFolder checkpoints, NmtModel model, int epoch, int step,
                                   int stepsPerEpoch, long globalStep, long dataSeed, double lossSum,
                                   TrainingMonitor monitor) {
        Adam adam = model.graph().optimizer();
        checkpoints.write(new TrainingCheckpoint(epoch, step, stepsPerEpoch, globalStep, dataSeed, lossSum,
                adam.step(), model.graph().parameters(), adam.firstMoments(), adam.secondMoments(),
                Map.of(DROPOUT, model.dropout().saveState())));
        monitor.checkpointWritten(epoch, step);
    }

    private static void restore(NmtModel model, TrainingCheckpoint c, long dataSeed, int stepsPerEpoch, Path folder) {
        c.requireRun(dataSeed, stepsPerEpoch, folder);
        if (!c.components().keySet().equals(java.util.Set.of(DROPOUT))) {
            throw new IllegalStateException("the checkpoint in " + folder + " holds the state of "
                    + c.components().keySet() + ", a translation run's is [" + DROPOUT + "]; it belongs to another"
                    + " kind of run");
        }
        try {
            model.graph().restoreParameters(c.parameters(), "the checkpoint in " + folder);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + "; it belongs to another model", e);
        }
        model.graph().optimizer().restore(c.adamStep(), c.firstMoments(), c.secondMoments());
        model.dropout().restoreState(c.components().get(DROPOUT));
    }

    private static long targetTokens(int[] idx, int[][] targets) {
        long n = 0;
        for (int i : idx) {
            n += targets[i].length;
        }
        return n;
    }

    static TokenBatch batch(int[] idx, int[][] sources, int[][] targets) {
        int[][] s = new int[idx.length][];
        int[][] g = new int[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            s[i] = sources[idx[i]];
            g[i] = targets[idx[i]];
        }
        return new TokenBatch(s, g);
    }

    /** One epoch's batches: permute, sort pools of {@value #POOL} batches by length, shuffle batches. */
    static List<int[]> batches(int n, int batchSize, int[][] targets, int[][] sources, SplittableRandom random) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        shuffle(perm, random);
        List<int[]> batches = new ArrayList<>();
        int pool = batchSize * POOL;
        for (int from = 0; from < n; from += pool) {
            Integer[] chunk = Arrays.stream(Arrays.copyOfRange(perm, from, Math.min(n, from + pool))).boxed()
                    .toArray(Integer[]::new);
            Arrays.sort(chunk, Comparator.<Integer>comparingInt(i -> targets[i].length)
                    .thenComparingInt(i -> sources[i].length));
            for (int b = 0; b < chunk.length; b += batchSize) {
                batches.add(Arrays.stream(chunk, b, Math.min(chunk.length, b + batchSize)).mapToInt(Integer::intValue)
                        .toArray());
            }
        }
        for (int i = batches.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int[] tmp = batches.get(i);
            batches.set(i, batches.get(j));
            batches.set(j, tmp);
        }
        return batches;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
