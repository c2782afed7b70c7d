package io.lskd.vision.task;

import com.google.inject.Inject;
import io.lskd.plugin.Workspace;
import io.lskd.spec.TaskSpec;
import io.lskd.spi.TaskAdapter;
import io.lskd.spi.TaskSession;
import io.lskd.vision.data.DatasetCatalog;
import io.lskd.vision.data.ImageSet;
import io.lskd.vision.data.Normalization;
import io.lskd.vision.data.Split;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Opens a vision task: resolves the data set through the catalog, derives the training data
 * the spec asks for (first classes, first images per class, long tail, in that order; the test
 * split only loses the classes left out and, if asked, its later images per class, so it stays balanced) and normalises it. Each
 * derivation is part of the data's fingerprint.
 */
public final class VisionAdapter implements TaskAdapter {

    /** Published per-channel statistics of x/255 for the data sets that have them. */
    private static final Map<String, Normalization> PUBLISHED = Map.of(
            "fashion-mnist", Normalization.FASHION_MNIST,
            "mnist", new Normalization(new double[] {0.1307}, new double[] {0.3081}),
            "cifar-10", Normalization.CIFAR_10);

    private final Workspace workspace;

    @Inject
    public VisionAdapter(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public TaskSession open(TaskSpec task) throws IOException {
        VisionTaskSpec spec = (VisionTaskSpec) task;
        DatasetCatalog catalog = new DatasetCatalog(workspace.dataDir());
        ImageSet train = catalog.load(spec.dataset(), Split.TRAIN);
        ImageSet test = catalog.load(spec.dataset(), Split.TEST);
        if (spec.classes() != null) {
            checkClassCount(spec, train);
            train = train.firstClasses(spec.classes());
            test = test.firstClasses(spec.classes());
        }
        if (spec.trainPerClass() != null) {
            train = train.firstPerClass(spec.trainPerClass());
        }
        if (spec.testPerClass() != null) {
            test = test.firstPerClass(spec.testPerClass());
        }
        if (spec.imbalanceFactor() != null) {
            train = train.longTailed(spec.imbalanceFactor());
        }
        if (!test.classNames().equals(train.classNames()) || test.height() != train.height()
                || test.width() != train.width() || test.channels() != train.channels()) {
            throw new IOException("data set '" + spec.dataset() + "': the test split (" + test
                    + ") does not match the training split (" + train + ")");
        }
        return new VisionSession(spec, train, test, normalization(spec, train));
    }

    private static void checkClassCount(VisionTaskSpec spec, ImageSet train) {
        if (spec.classes() > train.numClasses()) {
            throw new IllegalArgumentException("task.classes: " + spec.classes() + " classes asked, data set '"
                    + spec.dataset() + "' has " + train.numClasses());
        }
    }

    private static Normalization normalization(VisionTaskSpec spec, ImageSet train) {
        if (spec.mean() != null) {
            if (spec.mean().size() != train.channels()) {
                throw new IllegalArgumentException("the suite gives " + spec.mean().size()
                        + " channel means, data set '" + spec.dataset() + "' has " + train.channels() + " channels");
            }
            return new Normalization(toArray(spec.mean()), toArray(spec.std()));
        }
        Normalization published = PUBLISHED.get(spec.dataset());
        return published != null ? published : computed(train);
    }

    /** Per-channel mean and (population) std of x/255 over the training split. */
    private static Normalization computed(ImageSet train) {
        int c = train.channels();
        double[] sum = new double[c];
        double[] sumSq = new double[c];
        byte[] pixels = train.pixels();
        for (int i = 0; i < pixels.length; i++) {
            double v = (pixels[i] & 0xff) / 255.0;
            sum[i % c] += v;
            sumSq[i % c] += v * v;
        }
        double n = pixels.length / (double) c;
        double[] mean = new double[c];
        double[] std = new double[c];
        for (int ch = 0; ch < c; ch++) {
            mean[ch] = sum[ch] / n;
            std[ch] = Math.sqrt(Math.max(sumSq[ch] / n - mean[ch] * mean[ch], 1e-12));
        }
        return new Normalization(mean, std);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
