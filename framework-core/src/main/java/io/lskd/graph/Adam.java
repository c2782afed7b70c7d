package io.lskd.graph;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam exactly as PyTorch's {@code torch.optim.Adam} (no weight decay, no amsgrad), so that
 * recipes compare across implementations; ND4J's AdamUpdater folds epsilon differently.
 *
 * <pre>
 * m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
 * w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 * Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015.
 */
public final class Adam {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, INDArray> firstMoments = new HashMap<>();
    private final Map<String, INDArray> secondMoments = new HashMap<>();
    private long step;

    public Adam() {
        this(0.9, 0.999, 1e-8);
    }

    public Adam(double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /**
     * The optimiser's state, copied: the step count and each variable's first and second
     * moments, by variable name (sorted).
     */
    public record State(long step, Map<String, INDArray> firstMoments, Map<String, INDArray> secondMoments) {
        public State {
            if (!firstMoments.keySet().equals(secondMoments.keySet())) {
                throw new IllegalArgumentException("first moments for " + firstMoments.keySet()
                        + " but second moments for " + secondMoments.keySet());
            }
            firstMoments = copies(firstMoments);
            secondMoments = copies(secondMoments);
        }

        private static Map<String, INDArray> copies(Map<String, INDArray> arrays) {
            Map<String, INDArray> out = new TreeMap<>();
            arrays.forEach((name, array) -> out.put(name, array.dup()));
            return Collections.unmodifiableMap(out);
        }
    }

    public State state() {
        return new State(step, firstMoments, secondMoments);
    }

    /** Continues from a saved state (an interrupted run, a model loaded to train further). */
    public void restore(State state) {
        restore(state.step(), state.firstMoments(), state.secondMoments());
    }

    /** Steps taken: the exponent of the bias corrections. */
    public long step() {
        return step;
    }

    /** The first moments (m) by parameter name, live; empty before the first update. */
    public Map<String, INDArray> firstMoments() {
        return Collections.unmodifiableMap(firstMoments);
    }

    /** The second moments (v) by parameter name, live; empty before the first update. */
    public Map<String, INDArray> secondMoments() {
        return Collections.unmodifiableMap(secondMoments);
    }

    /** Continues from a saved state: the step count and copies of both moments. */
    public void restore(long savedStep, Map<String, INDArray> first, Map<String, INDArray> second) {
        if (!first.keySet().equals(second.keySet())) {
            throw new IllegalArgumentException("Adam state: first moments of " + first.keySet()
                    + " but second moments of " + second.keySet());
        }
        this.step = savedStep;
        firstMoments.clear();
        secondMoments.clear();
        first.forEach((name, m) -> firstMoments.put(name, m.dup()));
        second.forEach((name, v) -> secondMoments.put(name, v.dup()));
    }

    /** Starts a step: every {@link #update} until the next call shares its bias correction. */
    public void nextStep() {
        step++;
    }

    /** Updates {@code param} in place from its gradient. */
    public void update(String name, INDArray param, INDArray gradient, double learningRate) {
        INDArray g = gradient.castTo(param.dataType());
        INDArray m = firstMoments.computeIfAbsent(name, k -> param.ulike().assign(0));
        INDArray v = secondMoments.computeIfAbsent(name, k -> param.ulike().assign(0));
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        double stepSize = learningRate / (1 - Math.pow(beta1, step));
        double secondCorrection = Math.sqrt(1 - Math.pow(beta2, step));
        INDArray denominator = Transforms.sqrt(v, true).divi(secondCorrection).addi(epsilon);
        param.subi(m.div(denominator).muli(stepSize));
    }
}
