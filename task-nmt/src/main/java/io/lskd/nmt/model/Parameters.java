package io.lskd.nmt.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trained variables of a Transformer, created on first request and shared by every pass
 * built over them (training, inference, decoding). Values come from one seeded
 * {@link SplittableRandom} in creation order, so equal seeds give equal weights.
 * Initialisation follows fairseq's Transformer: Xavier-uniform weights, zero biases,
 * embeddings N(0, d^-1/2), layer norm gain 1 and shift 0.
 */
final class Parameters {

    private final SameDiff sd;
    private final DataType dataType;
    private final SplittableRandom random;
    private final Map<String, SDVariable> created = new LinkedHashMap<>();

    Parameters(SameDiff sd, DataType dataType, long seed) {
        this.sd = sd;
        this.dataType = dataType;
        this.random = new SplittableRandom(seed);
    }

    /** Names of every variable created, in creation order. */
    List<String> names() {
        return new ArrayList<>(created.keySet());
    }

    /** A [in, out] weight, U(-b, b) with b = sqrt(6 / (in + out)) (Glorot and Bengio 2010). */
    SDVariable xavier(String name, int in, int out) {
        double bound = Math.sqrt(6.0 / (in + out));
        return get(name, () -> {
            double[] v = new double[in * out];
            for (int i = 0; i < v.length; i++) {
                v[i] = (random.nextDouble() * 2 - 1) * bound;
            }
            return v;
        }, in, out);
    }

    /** A [rows, cols] matrix of N(0, std^2) entries, with row {@code zeroRow} zero (padding). */
    SDVariable normal(String name, int rows, int cols, double std, int zeroRow) {
        return get(name, () -> {
            double[] v = new double[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = i / cols == zeroRow ? 0.0 : random.nextGaussian() * std;
            }
            return v;
        }, rows, cols);
    }

    /** A vector filled with {@code value} (biases 0, layer-norm gains 1). */
    SDVariable filled(String name, int size, double value) {
        return get(name, () -> {
            double[] v = new double[size];
            java.util.Arrays.fill(v, value);
            return v;
        }, size);
    }

    private SDVariable get(String name, java.util.function.Supplier<double[]> values, long... shape) {
        SDVariable existing = created.get(name);
        if (existing != null) {
            return existing;
        }
        SDVariable v = sd.var(name, Nd4j.create(values.get(), shape, DataType.DOUBLE).castTo(dataType));
        created.put(name, v);
        return v;
    }
}
