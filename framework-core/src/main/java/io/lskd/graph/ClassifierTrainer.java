package io.lskd.graph;

import io.lskd.spec.TrainingSpec;
import io.lskd.spi.AdaptiveSmoother;
import io.lskd.spi.Smoother;
import io.lskd.spi.TrainingMonitor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training loop of a classifier over a {@link GraphModel}: each epoch reshuffles the data
 * with one seeded stream (so models trained with the same data seed see the same order),
 * keeps the last partial batch, and follows the spec's per-step learning-rate schedule.
 * Targets come from the smoother, asked afresh at the start of each epoch (an
 * {@link AdaptiveSmoother} changes them between epochs, and sees each step's training logits);
 * teacher logits, when the loss needs them, from a {@link TeacherLogits} source. A loss with
 * several terms has each term's epoch mean reported as {@code train_<term>}.
 */
public final class ClassifierTrainer {

    private ClassifierTrainer() {
    }

    /**
     * Trains {@code model} in place.
     *
     * @param teacherLogits the teacher's logits per batch, or null when the loss needs no teacher
     * @param epochMetrics evaluated after each epoch (1-based), e.g. held-out accuracy
     * @throws TrainingDivergedException at the first non-finite loss, before the step is applied
     */
    public static void train(GraphModel model, ClassificationData data, Smoother smoother, TeacherLogits teacherLogits,
                             TrainingSpec training, long dataSeed, TrainingMonitor monitor,
                             IntFunction<Map<String, Double>> epochMetrics) {
        int n = data.size();
        int k = data.numClasses();
        int batchSize = training.batchSize();
        int stepsPerEpoch = training.stepsPerEpoch(n);
        long totalSteps = (long) stepsPerEpoch * training.epochs();
        AdaptiveSmoother adaptive = smoother instanceof AdaptiveSmoother a ? a : null;
        boolean logTerms = model.lossTermNames().size() > 1;
        SplittableRandom order = new SplittableRandom(dataSeed);
        int[] permutation = new int[n];
        long t = 0;
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            shuffle(permutation, order);
            double[][] targetTable = new double[k][];
            for (int c = 0; c < k; c++) {
                targetTable[c] = smoother.target(c, k);
            }
            double lossSum = 0;
            Map<String, Double> termSums = new LinkedHashMap<>();
            for (int step = 0; step < stepsPerEpoch; step++) {
                int from = step * batchSize;
                int to = Math.min(n, from + batchSize);
                int[] indices = Arrays.copyOfRange(permutation, from, to);
                INDArray targets = rows(indices, i -> targetTable[data.label(i)], k);
                INDArray inputs = data.inputs(indices);
                INDArray teacher = teacherLogits == null ? null : teacherLogits.logits(indices, inputs);
                StepResult result = model.trainStep(inputs, targets, teacher, training.learningRateAt(t, totalSteps));
                double loss = result.loss();
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, step + 1, loss);
                }
                lossSum += loss * indices.length;
                int batch = indices.length;
                result.terms().forEach((term, v) -> termSums.merge(term, v * batch, Double::sum));
                if (adaptive != null) {
                    int[] labels = new int[batch];
                    for (int i = 0; i < batch; i++) {
                        labels[i] = data.label(indices[i]);
                    }
                    adaptive.observe(result.logits(), labels);
                }
                t++;
                monitor.step(epoch, step + 1, stepsPerEpoch, loss, indices.length);
            }
            if (adaptive != null) {
                adaptive.epochEnded();
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", lossSum / n);
            if (logTerms) {
                termSums.forEach((term, sum) -> metrics.put("train_" + term, sum / n));
            }
            metrics.put("lr_end", training.learningRateAt(t, totalSteps));
            metrics.putAll(epochMetrics.apply(epoch));
            monitor.epochEnded(epoch, metrics);
        }
    }

    /** Logits of every sample, in order, in inference mode, as doubles. */
    public static double[][] logits(GraphModel model, ClassificationData data, int batchSize) {
        double[][] out = new double[data.size()][];
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            int[] indices = new int[to - from];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = from + i;
            }
            double[][] batch = model.logits(data.inputs(indices)).castTo(DataType.DOUBLE).toDoubleMatrix();
            System.arraycopy(batch, 0, out, from, batch.length);
        }
        return out;
    }

    /** Fisher-Yates over the identity: a fresh permutation per epoch from one stream. */
    private static void shuffle(int[] permutation, SplittableRandom random) {
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = i;
        }
        for (int i = permutation.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = tmp;
        }
    }

    private static INDArray rows(int[] indices, IntFunction<double[]> row, int k) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = row.apply(indices[i]);
        }
        return Nd4j.createFromArray(out).reshape(indices.length, k);
    }
}
