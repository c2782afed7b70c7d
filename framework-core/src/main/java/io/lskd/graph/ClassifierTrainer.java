package io.lskd.graph;

import io.lskd.spec.TrainingSpec;
import io.lskd.spi.AdaptiveSmoother;
import io.lskd.spi.Smoother;
import io.lskd.spi.StatefulComponent;
import io.lskd.spi.TrainingMonitor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>When the monitor names a checkpoint folder, the loop writes a {@link TrainingCheckpoint}
 * at the end of every epoch (after the epoch is reported) and every
 * {@link TrainingSpec#checkpointSteps()} steps, and starts from the newest checkpoint there:
 * the model, Adam, the position, the partial epoch's loss sums (total and per term) and every
 * {@link StatefulComponent} among the smoother, the data and the teacher-logit source are
 * restored, so that a resumed run computes the same bits as one that never stopped. When the
 * monitor reports a stop request, the loop checkpoints after the current step and throws
 * {@link TrainingInterruptedException}.
 */
public final class ClassifierTrainer {

    /**
     * The checkpoint entry that holds the partial epoch's per-term loss sums (one array of one
     * value per term), beside the stateful components; no component may take this name.
     */
    static final String TERM_SUMS = "trainer-loss-terms";

    private ClassifierTrainer() {
    }

    /**
     * Trains {@code model} in place, from the newest checkpoint in the monitor's folder if there is one.
     *
     * @param teacherLogits the teacher's logits per batch, or null when the loss needs no teacher
     * @param epochMetrics evaluated after each epoch (1-based), e.g. held-out accuracy
     * @throws TrainingDivergedException at the first non-finite loss, before the step is applied
     * @throws TrainingInterruptedException when the monitor asked to stop
     * @throws IllegalStateException when the newest checkpoint belongs to another recipe
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
        Map<String, StatefulComponent> components = statefulComponents(smoother, data, teacherLogits);
        CheckpointFolder checkpoints = monitor.checkpointFolder() == null ? null
                : new CheckpointFolder(monitor.checkpointFolder());
        Optional<TrainingCheckpoint> resume = checkpoints == null ? Optional.empty() : checkpoints.newest();
        int startEpoch = 1;
        int startStep = 0;
        long t = 0;
        double resumedLossSum = 0;
        Map<String, Double> resumedTermSums = new LinkedHashMap<>();
        if (resume.isPresent()) {
            TrainingCheckpoint c = resume.get();
            restore(model, components, c, dataSeed, stepsPerEpoch, monitor.checkpointFolder());
            startEpoch = c.epochFinished() ? c.epoch() + 1 : c.epoch();
            startStep = c.epochFinished() ? 0 : c.step();
            t = c.globalStep();
            resumedLossSum = c.lossSum();
            c.components().getOrDefault(TERM_SUMS, Map.of()).forEach((term, v) -> resumedTermSums.put(term, v[0]));
            monitor.startingAt(c.epoch(), c.step());
        } else {
            monitor.startingAt(1, 0);
        }
        Integer every = training.checkpointSteps();
        DataOrder order = new DataOrder(dataSeed, n);
        for (int epoch = startEpoch; epoch <= training.epochs(); epoch++) {
            int[] permutation = order.epoch(epoch);
            double[][] targetTable = new double[k][];
            for (int c = 0; c < k; c++) {
                targetTable[c] = smoother.target(c, k);
            }
            boolean resumedEpoch = epoch == startEpoch && startStep > 0;
            double lossSum = resumedEpoch ? resumedLossSum : 0;
            Map<String, Double> termSums = resumedEpoch ? resumedTermSums : new LinkedHashMap<>();
            for (int step = resumedEpoch ? startStep : 0; step < stepsPerEpoch; step++) {
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
                if (step + 1 < stepsPerEpoch) {
                    boolean stop = monitor.stopRequested();
                    if (checkpoints != null && (stop || (every != null && t % every == 0))) {
                        checkpoint(checkpoints, model, components, epoch, step + 1, stepsPerEpoch, t, dataSeed,
                                lossSum, termSums, monitor);
                    }
                    if (stop) {
                        throw new TrainingInterruptedException(epoch, step + 1, checkpoints != null);
                    }
                }
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
            if (checkpoints != null) {
                checkpoint(checkpoints, model, components, epoch, stepsPerEpoch, stepsPerEpoch, t, dataSeed, lossSum,
                        termSums, monitor);
            }
            // the epoch's partial batch and held-out batches leave pages jemalloc would not reuse well
            FreePages.release();
            if (epoch < training.epochs() && monitor.stopRequested()) {
                throw new TrainingInterruptedException(epoch, stepsPerEpoch, checkpoints != null);
            }
        }
    }

    /** The stateful parts among the trainer's collaborators, by the name their state is saved under. */
    private static Map<String, StatefulComponent> statefulComponents(Smoother smoother, ClassificationData data,
                                                                     TeacherLogits teacherLogits) {
        Map<String, StatefulComponent> out = new LinkedHashMap<>();
        if (smoother instanceof StatefulComponent s) {
            out.put("smoother", s);
        }
        if (data instanceof StatefulComponent s) {
            out.put("data", s);
        }
        if (teacherLogits instanceof StatefulComponent s) {
            out.put("teacher", s);
        }
        return out;
    }

    private static void checkpoint(CheckpointFolder checkpoints, GraphModel model,
                                   Map<String, StatefulComponent> components, int epoch, int step, int stepsPerEpoch,
                                   long globalStep, long dataSeed, double lossSum, Map<String, Double> termSums,
                                   TrainingMonitor monitor) {
        Adam adam = model.optimizer();
        Map<String, Map<String, double[]>> states = new LinkedHashMap<>();
        components.forEach((name, component) -> states.put(name, component.saveState()));
        if (!termSums.isEmpty()) {
            Map<String, double[]> sums = new LinkedHashMap<>();
            termSums.forEach((term, sum) -> sums.put(term, new double[] {sum}));
            states.put(TERM_SUMS, sums);
        }
        checkpoints.write(new TrainingCheckpoint(epoch, step, stepsPerEpoch, globalStep, dataSeed, lossSum,
                adam.step(), model.parameters(), adam.firstMoments(), adam.secondMoments(), states));
        monitor.checkpointWritten(epoch, step);
    }

    private static void restore(GraphModel model, Map<String, StatefulComponent> components, TrainingCheckpoint c,
                                long dataSeed, int stepsPerEpoch, java.nio.file.Path folder) {
        c.requireRun(dataSeed, stepsPerEpoch, folder);
        // a component whose state was empty left no arrays in the file: it restores from an empty map
        java.util.Set<String> saved = new java.util.LinkedHashSet<>(c.components().keySet());
        saved.remove(TERM_SUMS);
        if (!components.keySet().containsAll(saved)) {
            throw new IllegalStateException("the checkpoint in " + folder + " holds the state of "
                    + saved + ", this run's stateful components are " + components.keySet());
        }
        model.restoreParameters(c.parameters(), "the checkpoint in " + folder);
        model.optimizer().restore(c.adamStep(), c.firstMoments(), c.secondMoments());
        components.forEach((name, component) -> component.restoreState(c.components().getOrDefault(name, Map.of())));
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

    private static INDArray rows(int[] indices, IntFunction<double[]> row, int k) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = row.apply(indices[i]);
        }
        return Nd4j.createFromArray(out).reshape(indices.length, k);
    }
}
