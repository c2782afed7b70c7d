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

    /**
     * Every 4th step for inputs up to Fashion-MNIST's 28x28x1, whose steps leave little garbage;
     * {@code lskd bench --model cnn-small --threads 1}: 2,314 training samples/s, against 1,282
     * collecting every step.
     * Larger inputs every step: vision-paper's two CIFAR-10 (32x32x3) teachers collecting every
     * 4th step passed the launcher's 12 GB resident limit.
     */
    @Override
    public int trainingStepsPerCollection(long valuesPerSample) {
        return valuesPerSample <= 28 * 28 ? 4 : 1;
    }
}
