package io.lskd.analysis;

/**
 * Centroids, spreads and distances of labelled 2-D points (the projected clusters of
 * {@link TemplatePlane}), streamed: per cluster the count, the coordinate sums and the sum of
 * squared norms.
 *
 * <p>For cluster k with n_k points q_i: centroid m_k = (1/n_k) sum q_i; radius
 * r_k = sqrt((1/n_k) sum |q_i - m_k|^2) (root-mean-square distance to the centroid, computed as
 * sqrt(mean |q|^2 - |m_k|^2), clamped at 0); distance D(k, l) = |m_k - m_l|; separation
 * sep(k, l) = D(k, l) / ((r_k + r_l) / 2), the distance in units of the clusters' own spread.
 * Shen et al. (Sec. 3) discuss the distance between the two similar classes' clusters; the
 * separation is reported beside it because label smoothing also changes the overall scale of
 * the activations, which the raw distance mixes in.
 */
public final class ClusterGeometry {

    private final long[] counts;
    private final double[][] sums;
    private final double[] squareSums;

    /** @param clusters the number of clusters, labelled 0..clusters-1 */
    public ClusterGeometry(int clusters) {
        counts = new long[clusters];
        sums = new double[clusters][2];
        squareSums = new double[clusters];
    }

    /** Adds point q to cluster k. */
    public void add(int k, double[] q) {
        counts[k]++;
        sums[k][0] += q[0];
        sums[k][1] += q[1];
        squareSums[k] += q[0] * q[0] + q[1] * q[1];
    }

    public long count(int k) {
        return counts[k];
    }

    /** m_k; NaN coordinates for an empty cluster. */
    public double[] centroid(int k) {
        return new double[] {sums[k][0] / counts[k], sums[k][1] / counts[k]};
    }

    /** r_k, the root-mean-square distance of cluster k's points to its centroid. */
    public double radius(int k) {
        double[] m = centroid(k);
        return Math.sqrt(Math.max(0, squareSums[k] / counts[k] - (m[0] * m[0] + m[1] * m[1])));
    }

    /** D(k, l), the distance between the centroids. */
    public double distance(int k, int l) {
        double[] a = centroid(k);
        double[] b = centroid(l);
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    /** sep(k, l) = D(k, l) / mean(r_k, r_l). */
    public double separation(int k, int l) {
        return distance(k, l) / ((radius(k) + radius(l)) / 2);
    }
}
