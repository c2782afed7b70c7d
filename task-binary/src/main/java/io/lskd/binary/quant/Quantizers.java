package io.lskd.binary.quant;

import java.util.List;

/** The quantizers by name, with Larq's defaults. */
public final class Quantizers {

    /** Every name {@link #named} accepts. */
    public static final List<String> NAMES = List.of(NoQuantizer.NAME, SteSign.NAME, ApproxSign.NAME, SwishSign.NAME,
            MagnitudeAwareSign.NAME, SteHeaviside.NAME, SteTern.NAME, DoReFa.NAME);

    private Quantizers() {
    }

    /**
     * The quantizer of this name with Larq's default parameters: clip 1, swish beta 5, ternary
     * threshold 0.05, DoReFa 2 bits on activations.
     */
    public static Quantizer named(String name) {
        return switch (name) {
            case NoQuantizer.NAME -> new NoQuantizer();
            case SteSign.NAME -> new SteSign();
            case ApproxSign.NAME -> new ApproxSign();
            case SwishSign.NAME -> new SwishSign();
            case MagnitudeAwareSign.NAME -> new MagnitudeAwareSign();
            case SteHeaviside.NAME -> new SteHeaviside();
            case SteTern.NAME -> new SteTern();
            case DoReFa.NAME -> new DoReFa();
            default -> throw new IllegalArgumentException("no quantizer named '" + name + "'; known: " + NAMES);
        };
    }
}
