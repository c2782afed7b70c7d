package io.lskd.analysis;

import io.lskd.math.Softmax;
import io.lskd.metrics.ExpectedCalibrationError;
import io.lskd.metrics.ReliabilityBins;
import io.lskd.spec.AnalysisSpec;
import io.lskd.spi.ModelOutputs;
import io.lskd.spi.SplitOutputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the report draws for one trained model, written as analysis.json beside its
 * result: the class-mean softmax and the reliability bins on the held-out split, the
 * template-plane projection of three classes on both splits, and, for teachers, the
 * soft-label diffusion of the training split at each temperature.
 *
 * @param classNames index = label
 * @param classMeanSoftmax {@link ClassMeanSoftmax} on the held-out split, [K][K]
 * @param reliability the held-out split's ECE bins (15 equal-width bins)
 * @param projection null when the suite names no projection classes
 * @param diffusion one entry per temperature for teachers; empty for students
 */
public record RunAnalysis(List<String> classNames, double[][] classMeanSoftmax, Reliability reliability,
                          Projection projection, List<Diffusion> diffusion) {

    /** The reliability diagram's bins; accuracy and confidence are null for an empty bin. */
    public record Reliability(long[] counts, List<Double> accuracies, List<Double> confidences) {
        static Reliability of(ReliabilityBins bins) {
            List<Double> acc = new ArrayList<>();
            List<Double> conf = new ArrayList<>();
            for (int b = 0; b < bins.numBins(); b++) {
                boolean empty = bins.counts()[b] == 0;
                acc.add(empty ? null : bins.accuracies()[b]);
                conf.add(empty ? null : bins.confidences()[b]);
            }
            return new Reliability(bins.counts(), acc, conf);
        }
    }

    /**
     * The template-plane projection of classes a, b (similar) and c (dissimilar).
     *
     * @param classes the three class names, in the order a, b, c
     * @param train the training split's clusters
     * @param test the held-out split's clusters
     */
    public record Projection(List<String> classes, Clusters train, Clusters test) {
    }

    /**
     * Projected clusters of one split, measured over every sample of the three classes.
     *
     * @param counts samples per class
     * @param centroids [3][2]
     * @param radii root-mean-square distance to the centroid, per class
     * @param distances centroid distances "ab", "ac", "bc" (D_ab is the similar pair's)
     * @param separations the same divided by the pair's mean radius
     * @param points the first points of each class in split order, [3][n][2], for the scatter plot
     */
    public record Clusters(long[] counts, double[][] centroids, double[] radii, Map<String, Double> distances,
                           Map<String, Double> separations, double[][][] points) {
    }

    /** {@link SoftLabelDiffusion} of the training split at one temperature. */
    public record Diffusion(double temperature, double nonTargetMass, double diffusion) {
    }

    /** The analyses of one model; diffusion only when {@code teacher}. */
    public static RunAnalysis of(ModelOutputs outputs, boolean teacher, AnalysisSpec spec) {
        int k = outputs.classNames().size();
        double[][] testProbabilities = Softmax.probabilities(outputs.test().logits(), 1);
        ClassMeanSoftmax means = new ClassMeanSoftmax(k);
        means.add(testProbabilities, outputs.test().labels());
        ExpectedCalibrationError ece = new ExpectedCalibrationError();
        ece.add(testProbabilities, outputs.test().labels(), null);
        Projection projection = spec.projectionClasses() == null ? null : projection(outputs, spec);
        List<Diffusion> diffusion = new ArrayList<>();
        if (teacher && k >= 3) {
            for (double t : spec.temperatures()) {
                SoftLabelDiffusion d = new SoftLabelDiffusion(t);
                d.add(outputs.train().logits(), outputs.train().labels());
                diffusion.add(new Diffusion(t, d.nonTargetMass(), d.diffusion()));
            }
        }
        return new RunAnalysis(outputs.classNames(), means.result(), Reliability.of(ece.bins()), projection,
                diffusion);
    }

    private static Projection projection(ModelOutputs outputs, AnalysisSpec spec) {
        int[] classes = new int[3];
        for (int i = 0; i < 3; i++) {
            String name = spec.projectionClasses().get(i);
            classes[i] = outputs.classNames().indexOf(name);
            if (classes[i] < 0) {
                throw new IllegalArgumentException("analysis.projectionClasses: no class named '" + name
                        + "'; the classes are " + outputs.classNames());
            }
        }
        double[][] t = outputs.templates();
        TemplatePlane plane = TemplatePlane.through(t[classes[0]], t[classes[1]], t[classes[2]]);
        return new Projection(spec.projectionClasses(), clusters(plane, outputs.train(), classes, spec.pointsPerClass()),
                clusters(plane, outputs.test(), classes, spec.pointsPerClass()));
    }

    private static Clusters clusters(TemplatePlane plane, SplitOutputs split, int[] classes, int keep) {
        ClusterGeometry geometry = new ClusterGeometry(3);
        List<List<double[]>> points = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int[] labels = split.labels();
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < 3; j++) {
                if (labels[i] == classes[j]) {
                    double[] q = plane.project(split.features()[i]);
                    geometry.add(j, q);
                    if (points.get(j).size() < keep) {
                        points.get(j).add(q);
                    }
                }
            }
        }
        long[] counts = new long[3];
        double[][] centroids = new double[3][];
        double[] radii = new double[3];
        double[][][] kept = new double[3][][];
        for (int j = 0; j < 3; j++) {
            counts[j] = geometry.count(j);
            centroids[j] = geometry.centroid(j);
            radii[j] = geometry.radius(j);
            kept[j] = points.get(j).toArray(double[][]::new);
        }
        Map<String, Double> distances = new LinkedHashMap<>();
        Map<String, Double> separations = new LinkedHashMap<>();
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        String[] names = {"ab", "ac", "bc"};
        for (int p = 0; p < pairs.length; p++) {
            distances.put(names[p], geometry.distance(pairs[p][0], pairs[p][1]));
            separations.put(names[p], geometry.separation(pairs[p][0], pairs[p][1]));
        }
        return new Clusters(counts, centroids, radii, distances, separations, kept);
    }

    @Override
    public String toString() {
        return "RunAnalysis[" + classNames.size() + " classes, projection " + (projection == null ? "none"
                : projection.classes()) + ", diffusion at " + Arrays.toString(diffusion.stream()
                .mapToDouble(Diffusion::temperature).toArray()) + "]";
    }
}
