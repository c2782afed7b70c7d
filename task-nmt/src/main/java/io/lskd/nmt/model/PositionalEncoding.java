package io.lskd.nmt.model;

/**
 * Sinusoidal position encodings (Vaswani et al. 2017, section 3.5):
 * {@code PE(p, 2i) = sin(p / 10000^(2i/d))}, {@code PE(p, 2i+1) = cos(p / 10000^(2i/d))}.
 * Computed in Java and fed to the graph, so the graph never slices by a dynamic length.
 */
public final class PositionalEncoding {

    private final int dim;
    private double[][] table = new double[0][];

    public PositionalEncoding(int dim) {
        this.dim = dim;
    }

    /** The encoding of position p (0-based). */
    public synchronized double[] at(int p) {
        if (p >= table.length) {
            double[][] grown = new double[Math.max(p + 1, table.length * 2)][];
            System.arraycopy(table, 0, grown, 0, table.length);
            for (int q = table.length; q < grown.length; q++) {
                grown[q] = compute(q);
            }
            table = grown;
        }
        return table[p];
    }

    private double[] compute(int p) {
        double[] row = new double[dim];
        for (int i = 0; i < dim; i += 2) {
            double angle = p / Math.pow(10000.0, (double) i / dim);
            row[i] = Math.sin(angle);
            if (i + 1 < dim) {
                row[i + 1] = Math.cos(angle);
            }
        }
        return row;
    }
}
