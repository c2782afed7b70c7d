package io.lskd.binary.model;

import io.lskd.graph.GraphModel;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The flip ratio: the share of binary weights whose sign (sign(0) = +1, as the quantizers
 * binarize) changed in one optimisation step, over every binary kernel of a model; averaged
 * over the steps of an epoch. It shows how much a binary network still changes (Helwegen et
 * al., "Latent Weights Do Not Exist", NeurIPS 2019, track it the same way).
 */
final class FlipRatio {

    private final GraphModel graph;
    private final List<String> kernels;
    private boolean[][] signs;
    private double sum;
    private int steps;

    FlipRatio(GraphModel graph, List<String> kernels) {
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException("a flip ratio needs at least one binary kernel");
        }
        this.graph = graph;
        this.kernels = List.copyOf(kernels);
        this.signs = read();
    }

    /** Counts the signs that changed since the previous step. */
    void afterStep() {
        boolean[][] now = read();
        long changed = 0;
        long total = 0;
        for (int k = 0; k < now.length; k++) {
            for (int i = 0; i < now[k].length; i++) {
                if (now[k][i] != signs[k][i]) {
                    changed++;
                }
            }
            total += now[k].length;
        }
        sum += (double) changed / total;
        steps++;
        signs = now;
    }

    /** The mean flip ratio of the steps since the last call (NaN when none). */
    double epochMean() {
        double mean = steps == 0 ? Double.NaN : sum / steps;
        sum = 0;
        steps = 0;
        return mean;
    }

    private boolean[][] read() {
        Map<String, INDArray> parameters = graph.parameters();
        boolean[][] out = new boolean[kernels.size()][];
        for (int k = 0; k < out.length; k++) {
            INDArray kernel = parameters.get(kernels.get(k));
            if (kernel == null) {
                throw new IllegalArgumentException("the model has no kernel '" + kernels.get(k) + "'");
            }
            double[] values = kernel.castTo(DataType.DOUBLE).data().asDouble();
            out[k] = new boolean[values.length];
            for (int i = 0; i < values.length; i++) {
                out[k][i] = values[i] >= 0;
            }
        }
        return out;
    }
}
