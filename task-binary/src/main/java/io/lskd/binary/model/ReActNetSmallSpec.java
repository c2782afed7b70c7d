package io.lskd.binary.model;

import io.lskd.binary.layers.LayerLedger;
import io.lskd.binary.layers.WeightClip;
import io.lskd.binary.quant.NoQuantizer;
import io.lskd.binary.quant.Quantizer;
import io.lskd.binary.quant.Quantizers;
import io.lskd.config.Doc;
import io.lskd.config.OneOf;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.graph.Network;
import io.lskd.vision.model.ArmTrainer;
import io.lskd.vision.model.TrainedGraph;
import io.lskd.vision.model.VisionModelSpec;

/** The binary student, {@link ReActNetSmall}, and how it is trained ({@link TwoStepSchedule}). */
@TypeName(ReActNetSmallSpec.NAME)
@Doc("ReActNet-style binary CNN: real stem conv3x3 32 + BN; binary blocks 32->64 s2, 64->64, 64->128 s2, "
        + "128->128 (RSign, binary conv3x3, BN, real shortcut, RPReLU); GAP; real linear. Two-step schedule")
public record ReActNetSmallSpec(
        @OneOf({"none", "ste_sign", "approx_sign", "swish_sign", "magnitude_aware_sign", "ste_heaviside", "ste_tern",
                "dorefa"})
        @Doc("Input quantizer of the block convolutions (default approx_sign, ReActNet's; none: real activations)")
        String activationQuantizer,
        @OneOf({"none", "ste_sign", "approx_sign", "swish_sign", "magnitude_aware_sign", "ste_heaviside", "ste_tern",
                "dorefa"})
        @Doc("Kernel quantizer of the block convolutions (default magnitude_aware_sign, ReActNet's; none: real weights)")
        String kernelQuantizer,
        @Range(min = 0) @Doc("Clip of the latent block kernels after each update; 0: none, with a warning (default 1)")
        Double kernelClip,
        @Doc("ReActNet's two-step schedule: binary activations first, then binary weights too (default true)")
        Boolean twoStep,
        @Range(min = 0, max = 1, minExclusive = true, maxExclusive = true)
        @Doc("Share of the epochs given to step 1 of the two-step schedule (default 0.5)") Double firstStepShare)
        implements VisionModelSpec {

    public static final String NAME = "reactnet-small";

    public ReActNetSmallSpec {
        activationQuantizer = activationQuantizer == null ? "approx_sign" : activationQuantizer;
        kernelQuantizer = kernelQuantizer == null ? "magnitude_aware_sign" : kernelQuantizer;
        kernelClip = kernelClip == null ? 1.0 : kernelClip;
        twoStep = twoStep == null ? Boolean.TRUE : twoStep;
        firstStepShare = firstStepShare == null ? 0.5 : firstStepShare;
        Quantizers.named(activationQuantizer);
        Quantizers.named(kernelQuantizer);
    }

    /** The default binary student. */
    public ReActNetSmallSpec() {
        this(null, null, null, null, null);
    }

    @Override
    public Network build(int height, int width, int channels, int numClasses) {
        return network(channels, numClasses, true).network();
    }

    @Override
    public TrainedGraph train(ArmTrainer trainer) {
        boolean stepsDiffer = !NoQuantizer.NAME.equals(kernelQuantizer);
        return TwoStepSchedule.train(trainer, binaryKernels -> network(trainer.channels(), trainer.numClasses(),
                binaryKernels), twoStep && stepsDiffer, firstStepShare);
    }

    /** The network with its block kernels quantized, or real-valued (step 1 of the schedule). */
    BinaryNetwork network(int channels, int numClasses, boolean binaryKernels) {
        Quantizer kernel = binaryKernels ? Quantizers.named(kernelQuantizer) : new NoQuantizer();
        WeightClip clip = binaryKernels && kernelClip > 0 ? new WeightClip(kernelClip) : null;
        LayerLedger ledger = new LayerLedger();
        return new BinaryNetwork(new ReActNetSmall(channels, numClasses, Quantizers.named(activationQuantizer), kernel,
                clip, ledger), ledger);
    }
}
