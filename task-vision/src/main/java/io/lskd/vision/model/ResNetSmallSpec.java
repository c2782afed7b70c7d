package io.lskd.vision.model;

import io.lskd.config.Doc;
import io.lskd.config.TypeName;
import io.lskd.graph.Network;

/** The vision-quick teacher, {@link SmallResNet}. */
@TypeName(ResNetSmallSpec.NAME)
@Doc("Small BN ResNet (stem 32, blocks 32->64 s2, 64->64 s2, GAP, linear): the vision-quick teacher, 136,938 parameters on 28x28x1")
public record ResNetSmallSpec() implements VisionModelSpec {
    public static final String NAME = "resnet-small";

    @Override
    public Network build(int height, int width, int channels, int numClasses) {
        return new SmallResNet(channels, numClasses);
    }
}
