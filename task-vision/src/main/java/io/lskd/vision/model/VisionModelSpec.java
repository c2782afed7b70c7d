package io.lskd.vision.model;

import io.lskd.graph.Network;
import io.lskd.spec.ModelSpec;

/** A vision architecture that can be built for an input shape and a class count. */
public interface VisionModelSpec extends ModelSpec {

    Network build(int height, int width, int channels, int numClasses);
}
