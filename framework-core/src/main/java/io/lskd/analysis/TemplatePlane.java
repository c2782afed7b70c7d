package io.lskd.analysis;

/**
 * The plane through three class templates, onto which Müller, Kornblith and Hinton (NeurIPS
 * 2019, Section 2) project penultimate activations to show how label smoothing shapes the
 * clusters (Shen et al. ICLR 2021, Fig. 2-3 repeat it).
 *
 * <p>Templates w_a, w_b, w_c are the last layer's rows for classes a, b, c with the bias
 * appended (length d + 1); an activation x is lifted to x' = (x, 1), so that logit_c = w_c . x'.
 * The orthonormal basis comes from Gram-Schmidt on the two edges of the triangle:
 * <pre>
 *   e1 = w_b - w_a,  u1 = e1 / |e1|
 *   e2 = w_c - w_a,  u2 = (e2 - (e2 . u1) u1) / |e2 - (e2 . u1) u1|
 * </pre>
 * and x projects to the coordinates (x' . u1, x' . u2). The projection is linear, so the
 * logit differences between a, b and c, which depend on x' only through its component in
 * this plane's direction space, are what the scatter shows.
 */
public final class TemplatePlane {

    private final double[] u1;
    private final double[] u2;

    private TemplatePlane(double[] u1, double[] u2) {
        this.u1 = u1;
        this.u2 = u2;
    }

    /**
     * The plane through three templates.
     *
     * @throws IllegalArgumentException when their lengths differ or they are collinear (no plane)
     */
    public static TemplatePlane through(double[] wa, double[] wb, double[] wc) {
        if (wa.length != wb.length || wa.length != wc.length) {
            throw new IllegalArgumentException("templates differ in length: " + wa.length + ", " + wb.length + ", "
                    + wc.length);
        }
        double[] e1 = minus(wb, wa);
        double[] e2 = minus(wc, wa);
        double n1 = norm(e1);
        if (n1 == 0) {
            throw new IllegalArgumentException("templates a and b are equal: they span no plane");
        }
        double[] u1 = scale(e1, 1 / n1);
        double along = dot(e2, u1);
        double[] rest = new double[e2.length];
        for (int i = 0; i < rest.length; i++) {
            rest[i] = e2[i] - along * u1[i];
        }
        double n2 = norm(rest);
        if (n2 <= 1e-12 * Math.max(1, norm(e2))) {
            throw new IllegalArgumentException("the three templates are collinear: they span no plane");
        }
        return new TemplatePlane(u1, scale(rest, 1 / n2));
    }

    /** The two basis vectors (copies), each of length d + 1. */
    public double[][] basis() {
        return new double[][] {u1.clone(), u2.clone()};
    }

    /**
     * The plane coordinates of penultimate activations x (length d; the constant 1 for the bias is
     * appended here).
     */
    public double[] project(double[] x) {
        if (x.length + 1 != u1.length) {
            throw new IllegalArgumentException("activations have " + x.length + " values, the templates "
                    + (u1.length - 1) + " weights plus the bias");
        }
        double p1 = u1[x.length];
        double p2 = u2[x.length];
        for (int i = 0; i < x.length; i++) {
            p1 += x[i] * u1[i];
            p2 += x[i] * u2[i];
        }
        return new double[] {p1, p2};
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double[] scale(double[] a, double s) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * s;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
