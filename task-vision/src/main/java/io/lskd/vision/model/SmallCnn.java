package io.lskd.vision.model;

import io.lskd.graph.GraphBuilder;
import io.lskd.graph.Network;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The vision-quick student (RECIPES.md; 55,338 parameters for 28x28x1 and 10 classes):
 * conv3x3 c->16 pad 1 + bias, ReLU, maxpool 2; conv3x3 16->32 pad 1 + bias, ReLU, maxpool 2;
 * dense (H/4 * W/4 * 32)->32, ReLU; dense 32->K.
 */
public record SmallCnn(int height, int width, int channels, int numClasses) implements Network {

    @Override
    public SDVariable forward(GraphBuilder g, SDVariable input) {
        SDVariable x = g.maxPool(g.relu(g.conv2d("conv1", input, channels, 16, 3, 1, 1, true)), 2);
        x = g.maxPool(g.relu(g.conv2d("conv2", x, 16, 32, 3, 1, 1, true)), 2);
        int flat = (height / 4) * (width / 4) * 32;
        x = x.reshape(-1, flat);
        x = g.relu(g.dense("fc1", x, flat, 32));
        return g.classifier("fc2", x, 32, numClasses);
    }

    /** Every 4th step on inputs up to 28x28x1, else every step ({@link SmallInputCollection}). */
    @Override
    public int trainingStepsPerCollection(long valuesPerSample) {
        return SmallInputCollection.trainingStepsPerCollection(valuesPerSample);
    }
}
