package io.lskd.graph;

import java.util.Collection;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Returns ND4J's native buffers promptly. In M2.1 a SameDiff step allocates fresh native
 * arrays for its intermediates and frees them only when the Java garbage collector finds
 * their owners; with a small Java heap that happens rarely, so native memory grows by
 * gigabytes and every allocation touches new pages, which the kernel must fault in and zero.
 * Measured on a 2-core VM (page faults cost about 15 us there): 34% of the time in memset and
 * 33% in the page-fault handler. Regular collections plus jemalloc told to keep freed pages
 * (the launcher sets LD_PRELOAD and MALLOC_CONF) took the vision-quick teacher's step from
 * about 1.8 s to 0.6-1.0 s; either alone gained little, because glibc's malloc hands ND4J's
 * large buffers back to the kernel on free.
 *
 * <p>It closes arrays the caller is done with at once, and asks for a collection, for the
 * intermediates SameDiff does not hand out, every {@link #TRAINING_INTERVAL} training steps
 * and every {@link #INFERENCE_INTERVAL} inference batches, by default after each. (JavaCPP's
 * and ND4J's byte counters do not see these buffers, so a budget in bytes is not available.)
 */
public final class NativeMemory {

    /**
     * Training steps between collections ({@code -Dlskd.gcInterval}, default every step).
     * {@code lskd bench --threads 1} on a quiet 2-core machine, training samples/s collecting
     * every 1 / 4 / 16 steps: cnn-small 1,282 / 2,314 / 2,197; resnet-small 232 / 304 / 190
     * (every 8: 223); two concurrent copies ({@code --parallel 2}), every 1 / 4: cnn-small 1,899
     * / 2,847, resnet-small 509 / 510. But larger models hold more garbage per step, and jemalloc
     * keeps its pages: reactnet-small (batch 128, loaded machine) trained at 44.5 samples/s and
     * 4.4 GB resident collecting every step, at 16.2 and 7.3 GB every 4th, and BinarySuiteTest
     * passed its 6 GB limit; so every step stays the default, and 4 is opt-in.
     */
    static final int TRAINING_INTERVAL = Integer.getInteger("lskd.gcInterval", 1);

    /**
     * Inference batches between collections ({@code -Dlskd.gcInferenceInterval}). Every batch:
     * evaluation batches are large (1,000 images by default), and with two teachers evaluating
     * at once every 8th batch let vision-quick grow past the launcher's 8 GB resident limit.
     */
    static final int INFERENCE_INTERVAL = Integer.getInteger("lskd.gcInferenceInterval", 1);

    private long trainingSteps;
    private long inferenceBatches;

    /** Closes what a training step produced and collects on every {@link #TRAINING_INTERVAL}th. */
    @SafeVarargs
    public final void afterTrainingStep(Collection<INDArray>... done) {
        close(done);
        collectEvery(TRAINING_INTERVAL, ++trainingSteps);
    }

    /** Closes what an inference batch produced and collects on every {@link #INFERENCE_INTERVAL}th. */
    @SafeVarargs
    public final void afterInference(Collection<INDArray>... done) {
        close(done);
        collectEvery(INFERENCE_INTERVAL, ++inferenceBatches);
    }

    @SafeVarargs
    private static void close(Collection<INDArray>... done) {
        for (Collection<INDArray> arrays : done) {
            for (INDArray array : arrays) {
                if (array != null && array.closeable()) {
                    array.close();
                }
            }
        }
    }

    private static void collectEvery(int interval, long count) {
        if (interval > 0 && count % interval == 0) {
            System.gc();
        }
    }
}
