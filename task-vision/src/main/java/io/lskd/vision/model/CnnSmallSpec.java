package io.lskd.vision.model;

import io.lskd.config.Doc;
import io.lskd.config.TypeName;
import io.lskd.graph.Network;

/** The vision-quick student, {@link SmallCnn}. */
@TypeName(CnnSmallSpec.NAME)
@Doc("Small CNN (conv16-pool-conv32-pool-dense32): the vision-quick student, 55,338 parameters on 28x28x1")
public record CnnSmallSpec() implements VisionModelSpec {
    public static final String NAME = "cnn-small";

    @Override
    public Network build(int height, int width, int channels, int numClasses) {
        if (height % 4 != 0 || width % 4 != 0) {
            throw new IllegalArgumentException("cnn-small pools twice by 2: image sides must be multiples of 4, got "
                    + height + "x" + width);
        }
        return new SmallCnn(height, width, channels, numClasses);
    }
}
