package io.lskd.nmt.task;

import io.lskd.graph.TrainingDivergedException;
import io.lskd.nmt.model.NmtGraph;
import io.lskd.nmt.model.TokenBatch;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.TrainingMonitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
final class NmtTrainer {

    /** Batches per length-sorted pool. */
    static final int POOL = 50;

    private NmtTrainer() {}

    /**
     * @param sources training sources, each ending in EOS
     * @param targets training targets (references or a teacher's translations), each ending in EOS
     * @param teacher the word-level KD teacher, or null
     * @param epochMetrics evaluated after each epoch (1-based)
     */
    static void train(NmtModel model, int[][] sources, int[][] targets, NmtModel teacher, TrainingSpec training,
                      long dataSeed, TrainingMonitor monitor, IntFunction<Map<String, Double>> epochMetrics) {
        NmtGraph graph = model.graph();
        int n = sources.length;
        int stepsPerEpoch = training.stepsPerEpoch(n);
        long totalSteps = (long) stepsPerEpoch * training.epochs();
        SplittableRandom order = new SplittableRandom(dataSeed);
        long t = 0;
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            List<int[]> batches = batches(n, training.batchSize(), targets, sources, order);
            double lossSum = 0;
            long tokens = 0;
            long start = System.nanoTime();
            for (int step = 0; step < batches.size(); step++) {
                int[] idx = batches.get(step);
                TokenBatch batch = batch(idx, sources, targets);
                INDArray teacherTarget = null;
                if (graph.needsTeacherTarget()) {
                    INDArray teacherLogits = teacher.graph().logits(batch);
                    teacherTarget = graph.teacherTarget(batch, teacherLogits);
                    teacherLogits.close();
                }
                double loss = graph.step(batch, teacherTarget, training.learningRateAt(t, totalSteps),
                        model.dropoutRandom());
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, step + 1, loss);
                }
                lossSum += loss * batch.targetTokens();
                tokens += batch.targetTokens();
                t++;
                monitor.step(epoch, step + 1, stepsPerEpoch, loss, idx.length);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", lossSum / tokens);
            metrics.put("lr_end", training.learningRateAt(t, totalSteps));
            metrics.put("train_tokens_per_s", tokens / ((System.nanoTime() - start) / 1e9));
            metrics.putAll(epochMetrics.apply(epoch));
            monitor.epochEnded(epoch, metrics);
        }
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
