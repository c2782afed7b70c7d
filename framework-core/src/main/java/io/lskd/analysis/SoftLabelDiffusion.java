package io.lskd.analysis;

import io.lskd.math.Softmax;

/**
 * How far a teacher's soft labels at temperature T spread over the wrong classes: our stand-in
 * for the "diffusion" that Chandrasegaran et al. (ICML 2022) blame for LS teachers failing at
 * higher temperatures. It is not their diffusion index (which is measured on the student's
 * penultimate representations); it measures the cause they name, on the teacher's outputs.
 *
 * <p>For a sample with logits z and label y, p = softmax(z / T), non-target mass
 * m = 1 - p_y, and the non-target distribution q_j = p_j / m over the K - 1 classes j != y:
 * <pre>
 *   nonTargetMass(T) = mean_i m_i
 *   diffusion(T)     = mean_i H(q_i) / log(K - 1),   H(q) = - sum_j q_j log q_j
 * </pre>
 * diffusion is 1 when the wrong-class mass is spread evenly over every other class (no
 * relative information left: what LS pushes toward), and 0 when it all sits on one class.
 * For fixed logits the diffusion never falls as T grows (the entropy of softmax(z / T) over
 * the non-target logits is non-decreasing in T), and so does the non-target mass of a sample
 * whose label has the largest logit. A sample whose non-target mass underflows to 0 has no
 * non-target distribution: it adds 0 to the non-target mass and is left out of the diffusion
 * mean ({@link #skipped()} counts it). Needs K &gt;= 3.
 */
public final class SoftLabelDiffusion {

    private final double temperature;
    private long samples;
    private long withMass;
    private double massSum;
    private double entropySum;

    public SoftLabelDiffusion(double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.temperature = temperature;
    }

    /** Adds logits [B][K] with their true classes. */
    public void add(double[][] logits, int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            int k = logits[i].length;
            if (k < 3) {
                throw new IllegalArgumentException("diffusion needs at least 3 classes, got " + k);
            }
            double[] p = Softmax.row(logits[i], temperature);
            double mass = 1 - p[labels[i]];
            samples++;
            massSum += mass;
            if (mass > 0) {
                double h = 0;
                for (int j = 0; j < k; j++) {
                    if (j != labels[i] && p[j] > 0) {
                        double q = p[j] / mass;
                        h -= q * Math.log(q);
                    }
                }
                entropySum += h / Math.log(k - 1);
                withMass++;
            }
        }
    }

    public double temperature() {
        return temperature;
    }

    /** Mean non-target mass; NaN before any sample. */
    public double nonTargetMass() {
        return massSum / samples;
    }

    /** Mean normalised entropy of the non-target distribution; NaN before any sample with mass. */
    public double diffusion() {
        return entropySum / withMass;
    }

    /** Samples left out of {@link #diffusion()} because their non-target mass was 0. */
    public long skipped() {
        return samples - withMass;
    }
}
