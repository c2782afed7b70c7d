package io.lskd.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds a network's forward pass twice over the same variables: once in training mode
 * (batch normalisation on batch moments) and once in inference mode (running moments).
 * A model describes its forward pass once as a function of this builder; calling it with
 * {@link #training(boolean)} set each way gives both outputs of one graph.
 *
 * <p>Layout is NHWC with YXIO convolution weights: the fast oneDNN path in M2.1, and the
 * only weight layout whose backward works (DL4J-NOTES.md).
 *
 * <p>Initialisation follows PyTorch's defaults so that results compare with its recipes:
 * weights and biases of convolutions and linear layers are U(-1/sqrt(fan_in), 1/sqrt(fan_in))
 * (kaiming_uniform with a = sqrt(5)); batch-norm scale 1, shift 0. Values are drawn from a
 * seeded {@link SplittableRandom} in creation order, so equal seeds give equal weights.
 */
public final class GraphBuilder {

    /** PyTorch's BatchNorm2d defaults. */
    public static final double BN_EPS = 1e-5;
    public static final double BN_MOMENTUM = 0.1;

    private final SameDiff sd;
    private final DataType dataType;
    private final SplittableRandom random;
    private final Map<String, SDVariable> created = new LinkedHashMap<>();
    private final List<BatchNormState> batchNorms = new ArrayList<>();
    private final Map<String, Constraint> constraints = new LinkedHashMap<>();
    private boolean training = true;
    private Classifier classifier;

    public GraphBuilder(SameDiff sd, DataType dataType, long seed) {
        this.sd = sd;
        this.dataType = dataType;
        this.random = new SplittableRandom(seed);
    }

    public SameDiff sameDiff() {
        return sd;
    }

    /** Selects the mode of the pass being built; variables are shared between the modes. */
    public GraphBuilder training(boolean training) {
        this.training = training;
        return this;
    }

    /** Whether the pass being built is the training pass. */
    public boolean isTraining() {
        return training;
    }

    /** Batch-norm layers built so far (training-mode moments and running statistics). */
    public List<BatchNormState> batchNorms() {
        return List.copyOf(batchNorms);
    }

    /** Trainable variables in creation order (running statistics excluded). */
    public List<String> trainableNames() {
        List<String> names = new ArrayList<>();
        for (String name : created.keySet()) {
            if (!name.endsWith("/running_mean") && !name.endsWith("/running_var")) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Keeps a trained variable inside a set after every optimiser update (a weight clip, say);
     * {@link GraphModel} applies it after each step.
     */
    public void constrain(String variable, Constraint constraint) {
        if (!created.containsKey(variable)) {
            throw new IllegalArgumentException("cannot constrain '" + variable + "': no such variable was created");
        }
        constraints.put(variable, constraint);
    }

    /** Constraints by variable name, in the order they were set. */
    public Map<String, Constraint> constraints() {
        return Map.copyOf(constraints);
    }

    /** 2-D convolution, NHWC, square kernel, explicit symmetric zero padding (PyTorch's). */
    public SDVariable conv2d(String name, SDVariable x, int inChannels, int outChannels, int kernel,
                             int stride, int padding, boolean bias) {
        double bound = 1.0 / Math.sqrt((double) inChannels * kernel * kernel);
        SDVariable w = uniformVariable(name + "/W", bound, kernel, kernel, inChannels, outChannels);
        SDVariable b = bias ? uniformVariable(name + "/b", bound, outChannels) : null;
        return convolve(x, w, b, kernel, stride, padding);
    }

    /**
     * The convolution of x with a given YXIO kernel (square) and optional bias, NHWC, explicit
     * symmetric zero padding: for layers that transform their kernel before use.
     */
    public SDVariable convolve(SDVariable x, SDVariable w, SDVariable b, int kernel, int stride, int padding) {
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(kernel).kW(kernel).sH(stride).sW(stride).pH(padding).pW(padding).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat("NHWC")
                .weightsFormat(WeightsFormat.YXIO)
                .build();
        return b == null ? sd.cnn.conv2d(x, w, config) : sd.cnn.conv2d(x, w, b, config);
    }

    /**
     * Batch normalisation over N, H, W of an NHWC tensor (4-D input only), written from plain
     * ops because {@code sd.nn.batchNorm} cannot be trained in M2.1. Training mode: biased batch
     * moments, y = x * scale + (beta - mean * scale) with scale = gamma / sqrt(var + eps). Inference
     * mode: the same with the running moments, which {@link BatchNormState} updates after
     * each step by PyTorch's rule.
     */
    public SDVariable batchNorm(String name, SDVariable x, int channels) {
        SDVariable gamma = constantVariable(name + "/gamma", 1.0, channels);
        SDVariable beta = constantVariable(name + "/beta", 0.0, channels);
        SDVariable runningMean = constantVariable(name + "/running_mean", 0.0, channels);
        SDVariable runningVar = constantVariable(name + "/running_var", 1.0, channels);
        SDVariable mean;
        SDVariable var;
        if (training) {
            SDVariable[] moments = sd.math.moments(x, new int[] {0, 1, 2}, false);
            mean = moments[0];
            var = moments[1];
            batchNorms.add(new BatchNormState(x.name(), runningMean.name(), runningVar.name(), mean.name(), var.name()));
        } else {
            mean = runningMean;
            var = runningVar;
        }
        SDVariable scale = gamma.mul(sd.math.rsqrt(var.add(BN_EPS)));
        SDVariable shift = beta.sub(mean.mul(scale));
        // x * scale + shift as a 1x1 depthwise convolution with kernel scale: the same numbers,
        // but oneDNN's convolution backward is faster than the broadcast multiply's (multiply_bp
        // took 40% of the teacher step's op time; a dense 1x1 convolution with diag(scale) gained
        // 1.45x for the step, the depthwise one, with C rather than C^2 products per pixel, a
        // further 232 -> 264 samples/s for resnet-small, lskd bench --threads 1).
        SDVariable kernel = scale.reshape(1, 1, channels, 1);
        Conv2DConfig config = Conv2DConfig.builder().kH(1).kW(1).sH(1).sW(1).pH(0).pW(0).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NHWC").weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn.depthWiseConv2d(x, kernel, shift, config);
    }

    /**
     * The network's last layer, a {@link #dense} layer from the penultimate activations to the
     * logits, marked so that the analyses can read its input and its class templates
     * (Müller et al.'s projection). The inference-mode pass's input is the one recorded.
     */
    public SDVariable classifier(String name, SDVariable features, int in, int numClasses) {
        SDVariable logits = dense(name, features, in, numClasses);
        markClassifier(name, features);
        return logits;
    }

    /**
     * Marks a last linear layer built elsewhere (variables {@code name/W} [d, K] and
     * {@code name/b} [K], e.g. a quantized dense layer without quantizers) as the classifier.
     */
    public void markClassifier(String name, SDVariable features) {
        if (!training) {
            classifier = new Classifier(features.name(), name + "/W", name + "/b");
        }
    }

    /** The layer marked by {@link #classifier} in inference mode, or null when none was. */
    public Classifier classifier() {
        return classifier;
    }

    /**
     * Where a network's last linear layer lives in the graph.
     *
     * @param features the inference-mode penultimate activations [B, d]
     * @param weights W [d, K]
     * @param bias b [K]
     */
    public record Classifier(String features, String weights, String bias) {
    }

    /** Fully connected layer: x [B, in] times W [in, out] plus b. */
    public SDVariable dense(String name, SDVariable x, int in, int out) {
        double bound = 1.0 / Math.sqrt(in);
        SDVariable w = uniformVariable(name + "/W", bound, in, out);
        SDVariable b = uniformVariable(name + "/b", bound, out);
        return x.mmul(w).add(b);
    }

    /** See {@link Relu}. */
    public SDVariable relu(SDVariable x) {
        return Relu.of(x);
    }

    /** Max pooling, NHWC, square window equal to its stride. */
    public SDVariable maxPool(SDVariable x, int size) {
        Pooling2DConfig config = Pooling2DConfig.builder()
                .kH(size).kW(size).sH(size).sW(size).pH(0).pW(0).dH(1).dW(1)
                .type(Pooling2D.Pooling2DType.MAX)
                .paddingMode(PaddingMode.VALID)
                .isNHWC(true)
                .build();
        return sd.cnn.maxPooling2d(x, config);
    }

    /** Global average pooling of NHWC to [B, C]. */
    public SDVariable globalAveragePool(SDVariable x) {
        return x.mean(1, 2);
    }

    /**
     * A trained variable drawn from U(-bound, bound) by this builder's seeded stream; the same
     * variable when the name exists (the second pass of a network shares the first's).
     */
    public SDVariable uniformVariable(String name, double bound, long... shape) {
        SDVariable existing = created.get(name);
        if (existing != null) {
            return existing;
        }
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] values = new double[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextDouble() * 2 - 1) * bound;
        }
        return register(name, sd.var(name, Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType)));
    }

    /** A trained variable filled with one value; the same variable when the name exists. */
    public SDVariable constantVariable(String name, double value, long... shape) {
        SDVariable existing = created.get(name);
        if (existing != null) {
            return existing;
        }
        return register(name, sd.var(name, Nd4j.valueArrayOf(shape, value, dataType)));
    }

    private SDVariable register(String name, SDVariable v) {
        created.put(name, v);
        return v;
    }
}
