package io.lskd.vision.model;

import io.lskd.graph.Network;
import io.lskd.spec.ModelSpec;

/** A vision architecture that can be built for an input shape and a class count. */
public interface VisionModelSpec extends ModelSpec {

    Network build(int height, int width, int channels, int numClasses);

    /**
     * Training throughput measured on 28x28x1 images on the reference machine (2 cores,
     * oneDNN AVX-512 build, jemalloc), for suite time estimates; larger images cost in
     * proportion to their area.
     */
    double trainSamplesPerSecond();
}
