package io.lskd.vision.task;

import io.lskd.graph.ClassificationData;
import io.lskd.spi.StatefulComponent;
import io.lskd.vision.data.Augmentation;
import io.lskd.vision.data.ImageSet;
import io.lskd.vision.data.Normalization;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An image split as the trainer reads it: normalised NHWC float batches by index, augmented
 * when an {@link Augmentation} is given (training only). Its state for a checkpoint is the
 * augmentation stream's position (none without augmentation).
 */
record ImageData(ImageSet images, Normalization normalization, Augmentation augmentation)
        implements ClassificationData, StatefulComponent {

    private static final String AUGMENTED = "images_augmented";

    ImageData(ImageSet images, Normalization normalization) {
        this(images, normalization, null);
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public int numClasses() {
        return images.numClasses();
    }

    @Override
    public int label(int index) {
        return images.label(index);
    }

    @Override
    public Map<String, double[]> saveState() {
        return augmentation == null ? Map.of() : Map.of(AUGMENTED, new double[] {augmentation.imagesAugmented()});
    }

    @Override
    public void restoreState(Map<String, double[]> state) {
        if (augmentation == null) {
            if (!state.isEmpty()) {
                throw new IllegalArgumentException("saved augmentation state " + state.keySet()
                        + " for data that is not augmented");
            }
            return;
        }
        double[] count = state.get(AUGMENTED);
        if (count == null || count.length != 1) {
            throw new IllegalArgumentException("the saved data state lacks '" + AUGMENTED + "'");
        }
        if (augmentation.imagesAugmented() != 0) {
            throw new IllegalStateException("augmentation state restored after images were drawn");
        }
        augmentation.skip((long) count[0]);
    }

    @Override
    public INDArray inputs(int[] indices) {
        float[] batch = augmentation == null ? normalization.batch(images, indices)
                : normalization.batch(images, indices, augmentation);
        return Nd4j.create(batch, new long[] {indices.length, images.height(), images.width(), images.channels()}, 'c');
    }
}
