package io.lskd.vision.task;

import io.lskd.graph.ClassificationData;
import io.lskd.vision.data.ImageSet;
import io.lskd.vision.data.Normalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** An image split as the trainer reads it: normalised NHWC float batches by index. */
record ImageData(ImageSet images, Normalization normalization) implements ClassificationData {

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
        float[] batch = normalization.batch(images, indices);
        return Nd4j.create(batch, new long[] {indices.length, images.height(), images.width(), images.channels()}, 'c');
    }
}
