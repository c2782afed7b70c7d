package io.lskd.smooth;

import io.lskd.config.Parameters;
import io.lskd.math.Softmax;
import io.lskd.spi.AdaptiveSmoother;
import io.lskd.spi.SavableState;
import io.lskd.spi.StatefulComponent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Online label smoothing: {@code y = (1 - a) onehot + a S[label]}, where the K x K soft-label
 * matrix S is rebuilt after every epoch: row c becomes the mean predicted distribution
 * softmax(z) of the epoch's training samples of class c that the model classified correctly
 * (argmax = c), taken from the training steps' own forward passes.
 *
 * <p>Zhang, Jiang, Cheng, Liu, Huang and Zhao (2021), "Delving Deep into Label Smoothing",
 * IEEE TIP, Eq. 6-8 and Algorithm 1: loss {@code (1 - a) CE(y, p) - a sum_c S[y]_c log p_c}
 * (the paper writes a for the hard term's weight; here a weighs the soft term so that, as for
 * every smoother here, a = 0 is plain one-hot training; the paper's 0.5 is the default).
 * Following the released code, S starts uniform (every entry 1/K), so the first epoch is
 * uniform-K smoothing with mass a, and a class with no correctly classified sample in an
 * epoch gets the uniform row again. The released code's extra rule for fine-grained data
 * (keep a row whose maximum reached 0.88) is not applied; the authors use it only there.
 *
 * <p>The number of classes is fixed by the first call to {@link #target}. The state (S, the
 * running sums of the current epoch and the epochs seen) is a {@link SavableState}: a run saves
 * it beside its model, and {@link #restore} continues exactly where it was saved. It is also a
 * {@link StatefulComponent}, so that the trainer's checkpoints (at epoch ends and mid-epoch)
 * capture it and a resumed run continues with the same S and the same partial sums.
 */
public final class OnlineLabelSmoother implements AdaptiveSmoother, SavableState, StatefulComponent {

    public static final String NAME = "online";

    private final double alpha;
    private OnlineLabelSmoothingState state;

    /** @param alpha a, the weight of the learnt soft labels, in [0, 1) */
    public OnlineLabelSmoother(double alpha) {
        this.alpha = Arguments.checkAlpha(NAME, alpha);
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double[] target(int label, int numClasses) {
        Arguments.checkLabel(NAME, label, numClasses);
        double[] soft = state(numClasses).soft()[label];
        double[] y = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            y[c] = alpha * soft[c] + (c == label ? 1.0 - alpha : 0.0);
        }
        return y;
    }

    @Override
    public void observe(double[][] logits, int[] labels) {
        if (logits.length != labels.length) {
            throw new IllegalArgumentException(NAME + ": " + logits.length + " rows of logits but " + labels.length
                    + " labels");
        }
        if (logits.length == 0) {
            return;
        }
        OnlineLabelSmoothingState s = state(logits[0].length);
        int k = s.numClasses();
        for (int i = 0; i < logits.length; i++) {
            if (logits[i].length != k) {
                throw new IllegalArgumentException(NAME + ": logits row " + i + " has " + logits[i].length
                        + " classes, the smoother has " + k);
            }
            Arguments.checkLabel(NAME, labels[i], k);
            double[] p = Softmax.row(logits[i], 1.0);
            int top = 0;
            for (int c = 1; c < k; c++) {
                if (p[c] > p[top]) {
                    top = c;
                }
            }
            if (top == labels[i]) {
                for (int c = 0; c < k; c++) {
                    s.sums()[top][c] += p[c];
                }
                s.counts()[top]++;
            }
        }
    }

    @Override
    public void epochEnded() {
        if (state == null) {
            return; // nothing was trained
        }
        int k = state.numClasses();
        double[][] soft = new double[k][];
        for (int c = 0; c < k; c++) {
            long n = state.counts()[c];
            soft[c] = new double[k];
            for (int j = 0; j < k; j++) {
                soft[c][j] = n == 0 ? 1.0 / k : state.sums()[c][j] / n;
            }
        }
        state = new OnlineLabelSmoothingState(alpha, k, state.epochs() + 1, soft, new double[k][k], new long[k]);
    }

    /** A copy of the current state (empty before the number of classes is known). */
    public Optional<OnlineLabelSmoothingState> state() {
        return Optional.ofNullable(state).map(OnlineLabelSmoothingState::copy);
    }

    @Override
    public void save(Path file) throws IOException {
        if (state == null) {
            throw new IllegalStateException(NAME + ": nothing to save before the first target or batch");
        }
        state.save(file);
    }

    @Override
    public void restore(Path file) throws IOException {
        OnlineLabelSmoothingState read = OnlineLabelSmoothingState.read(file);
        if (read.alpha() != alpha) {
            throw new IOException(file + ": the saved state has alpha " + read.alpha() + ", this smoother " + alpha);
        }
        if (state != null && state.numClasses() != read.numClasses()) {
            throw new IOException(file + ": the saved state has " + read.numClasses() + " classes, this smoother "
                    + state.numClasses());
        }
        state = read;
    }

    /**
     * The state as flat arrays: {@code shape} = {K, epochs}, {@code soft} and {@code sums} (K x K,
     * row-major) and {@code counts}; empty before the number of classes is known.
     */
    @Override
    public Map<String, double[]> saveState() {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (state == null) {
            return out;
        }
        int k = state.numClasses();
        double[] soft = new double[k * k];
        double[] sums = new double[k * k];
        double[] counts = new double[k];
        for (int c = 0; c < k; c++) {
            System.arraycopy(state.soft()[c], 0, soft, c * k, k);
            System.arraycopy(state.sums()[c], 0, sums, c * k, k);
            counts[c] = state.counts()[c];
        }
        out.put("shape", new double[] {k, state.epochs()});
        out.put("soft", soft);
        out.put("sums", sums);
        out.put("counts", counts);
        return out;
    }

    @Override
    public void restoreState(Map<String, double[]> saved) {
        if (saved.isEmpty()) {
            state = null;
            return;
        }
        double[] shape = require(saved, "shape", 2);
        int k = (int) shape[0];
        double[] soft = require(saved, "soft", k * k);
        double[] sums = require(saved, "sums", k * k);
        double[] counts = require(saved, "counts", k);
        double[][] s = new double[k][];
        double[][] m = new double[k][];
        long[] n = new long[k];
        for (int c = 0; c < k; c++) {
            s[c] = Arrays.copyOfRange(soft, c * k, (c + 1) * k);
            m[c] = Arrays.copyOfRange(sums, c * k, (c + 1) * k);
            n[c] = (long) counts[c];
        }
        state = new OnlineLabelSmoothingState(alpha, k, (int) shape[1], s, m, n);
    }

    private static double[] require(Map<String, double[]> saved, String name, int length) {
        double[] values = saved.get(name);
        if (values == null || values.length != length) {
            throw new IllegalArgumentException(NAME + " smoother state: '" + name + "' "
                    + (values == null ? "is missing" : "has " + values.length + " values, expected " + length));
        }
        return values;
    }

    private OnlineLabelSmoothingState state(int numClasses) {
        if (state == null) {
            Parameters.numClasses(NAME, numClasses);
            double[][] uniform = new double[numClasses][numClasses];
            for (double[] row : uniform) {
                Arrays.fill(row, 1.0 / numClasses);
            }
            state = new OnlineLabelSmoothingState(alpha, numClasses, 0, uniform, new double[numClasses][numClasses],
                    new long[numClasses]);
        } else if (state.numClasses() != numClasses) {
            throw new IllegalArgumentException(NAME + ": built for " + state.numClasses() + " classes, asked for "
                    + numClasses);
        }
        return state;
    }

    @Override
    public String toString() {
        return NAME + "(alpha=" + alpha + ")";
    }
}
