package io.lskd.vision.model;

import io.lskd.graph.GraphBuilder;
import io.lskd.graph.Network;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The vision-quick teacher (RECIPES.md; 136,938 parameters for one input channel and 10
 * classes): stem conv3x3 c->32 (no bias), BN, ReLU; residual block 32->64 stride 2; residual
 * block 64->64 stride 2; global average pool; linear 64->K. A block is
 * conv3x3(stride s)-BN-ReLU-conv3x3-BN plus a shortcut (1x1 conv stride s + BN when the shape
 * changes, identity otherwise), then ReLU. Convolutions have no bias.
 */
public record SmallResNet(int channels, int numClasses) implements Network {

    @Override
    public SDVariable forward(GraphBuilder g, SDVariable input) {
        SDVariable x = g.relu(g.batchNorm("stem/bn", g.conv2d("stem/conv", input, channels, 32, 3, 1, 1, false), 32));
        x = block(g, "block1", x, 32, 64, 2);
        x = block(g, "block2", x, 64, 64, 2);
        return g.classifier("fc", g.globalAveragePool(x), 64, numClasses);
    }

    private static SDVariable block(GraphBuilder g, String name, SDVariable x, int in, int out, int stride) {
        SDVariable y = g.relu(g.batchNorm(name + "/bn1", g.conv2d(name + "/conv1", x, in, out, 3, stride, 1, false), out));
        y = g.batchNorm(name + "/bn2", g.conv2d(name + "/conv2", y, out, out, 3, 1, 1, false), out);
        SDVariable shortcut = x;
        if (stride != 1 || in != out) {
            shortcut = g.batchNorm(name + "/proj_bn", g.conv2d(name + "/proj", x, in, out, 1, stride, 0, false), out);
        }
        return g.relu(y.add(shortcut));
    }

    /** Every 4th step on inputs up to 28x28x1, else every step ({@link SmallInputCollection}). */
    @Override
    public int trainingStepsPerCollection(long valuesPerSample) {
        return SmallInputCollection.trainingStepsPerCollection(valuesPerSample);
    }
}
