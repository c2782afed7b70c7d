package io.lskd.vision.task;

import io.lskd.graph.ClassificationData;
import io.lskd.vision.data.Augmentation;
import io.lskd.vision.data.ImageSet;
import io.lskd.vision.data.Normalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An image split as the trainer reads it: normalised NHWC float batches by index, augmented
 * when an {@link Augmentation} is given (training only).
 */
record ImageData(ImageSet images, Normalization normalization, Augmentation augmentation)
        implements ClassificationData {

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
    public INDArray inputs(int[] indices) {
        float[] batch = augmentation == null ? normalization.batch(images, indices)
                : normalization.batch(images, indices, augmentation);
        return Nd4j.create(batch, new long[] {indices.length, images.height(), images.width(), images.channels()}, 'c');
    }
}
