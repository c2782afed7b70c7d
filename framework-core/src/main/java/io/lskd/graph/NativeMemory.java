package io.lskd.graph;

import java.util.Collection;
import org.nd4j.autodiff.samediff.SameDiff;
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
 * intermediates SameDiff does not hand out, after every inference batch and every
 * {@code trainingInterval} training steps: an interval the {@link Network} declares, or
 * {@code -Dlskd.gcInterval} for all models. (JavaCPP's and ND4J's byte counters do not see
 * these buffers, so a budget in bytes is not available.)
 *
 * <p>Inference collects after every batch: evaluation batches are large (1,000 images by
 * default), and with two teachers evaluating at once every 8th batch let vision-quick grow
 * past the launcher's then 8 GB resident limit.
 */
public final class NativeMemory {

    /**
     * {@code -Dlskd.gcInterval}: training steps between collections for every model, overriding
     * what each declares. {@code lskd bench --threads 1} on a quiet 2-core machine, training
     * samples/s collecting every 1 / 4 / 16 steps: cnn-small 1,282 / 2,314 / 2,197; resnet-small
     * 232 / 304 / 190 (every 8: 223). But larger models hold more garbage per step, and jemalloc
     * keeps its pages: reactnet-small (batch 128, loaded machine) trained at 44.5 samples/s and
     * 4.4 GB resident collecting every step, at 16.2 and 7.3 GB every 4th; so each network
     * declares its own interval ({@link Network#trainingStepsPerCollection}). 0 never collects.
     */
    private static final Integer FORCED_INTERVAL = Integer.getInteger("lskd.gcInterval");

    /**
     * Decoding steps between collections. A translation decoding step is small (one token per
     * hypothesis): beam search with nmt-kd's teacher on 64 sentences (throwaway harness, loaded
     * 2-core machine) took 15.4-16.7 s collecting after every step, 12.0-13.1 s every 8th and
     * 15.3-19.3 s every 32nd; peak resident 1.43, 1.75 and 2.57 GB.
     */
    private static final int DECODING_INTERVAL = 8;

    /** The name M2.1 gives the function that computes a graph's gradients. */
    private static final String GRADIENT_FUNCTION = "grad";

    private final int trainingInterval;
    private long trainingSteps;
    private long decodingSteps;

    /** @param declaredInterval the model's training steps between collections, unless forced */
    public NativeMemory(int declaredInterval) {
        if (declaredInterval < 1) {
            throw new IllegalArgumentException("training steps per collection must be >= 1, got " + declaredInterval);
        }
        this.trainingInterval = FORCED_INTERVAL != null ? FORCED_INTERVAL : declaredInterval;
    }

    /** The interval in force: the model's, or {@code -Dlskd.gcInterval} when set. */
    public int trainingInterval() {
        return trainingInterval;
    }

    /**
     * Drops {@code sd}'s execution sessions (its own and its gradient function's), then closes
     * what a training step produced and collects on every {@code trainingInterval}th.
     *
     * <p>An M2.1 session keeps a step's intermediate arrays reachable until its next execution,
     * so without this the peak held two steps' arrays. Measured with gradients of the token loss
     * alone on [4,096, 8,000] logits (throwaway harness, 2-core VM): 2.3 GB resident after a
     * step, after a collection and with glibc's malloc, against 0.4 GB before it, and 4.2 GB
     * during the next step; dropping the sessions brought it back to 0.4 GB after each step and
     * a 2.4 GB peak, at the same step time (1.8-2.0 s against 1.7-2.0 s, load 5). Clearing the
     * session's value map, its op contexts or every op's arrays, or switching off its array
     * cache, did not. The next step builds new sessions.
     */
    @SafeVarargs
    public final void afterTrainingStep(SameDiff sd, Collection<INDArray>... done) {
        sd.getSessions().clear();
        SameDiff gradient = sd.getFunction(GRADIENT_FUNCTION);
        if (gradient != null) {
            gradient.getSessions().clear();
        }
        close(done);
        if (trainingInterval > 0 && ++trainingSteps % trainingInterval == 0) {
            System.gc();
        }
    }

    /** Closes what a decoding step produced and collects on every {@value #DECODING_INTERVAL}th. */
    @SafeVarargs
    public final void afterDecodingStep(Collection<INDArray>... done) {
        close(done);
        if (++decodingSteps % DECODING_INTERVAL == 0) {
            System.gc();
        }
    }

    /** Closes what an inference batch produced and collects. */
    @SafeVarargs
    public final void afterInference(Collection<INDArray>... done) {
        close(done);
        System.gc();
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
}
