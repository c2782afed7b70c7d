package io.lskd.binary.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.lskd.testing.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each quantizer's forward values and backpropagated gradient equal its rule, as Larq writes it:
 * golden values from golden/quantizers.py (Larq's formulas in numpy), over inputs that include
 * 0 and the clip bounds. The gradient is SameDiff's own backward pass through the stop-gradient
 * construction, so this also proves the trick. Double precision.
 */
@ExtendWith(DoublePrecision.class)
class QuantizerRuleTest {

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = QuantizerRuleTest.class.getResourceAsStream("/golden/quantizers.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> out = new ArrayList<>();
            root.get("cases").forEach(out::add);
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void forwardAndGradientEqualLarqsRule(JsonNode c) {
        Quantizer q = quantizer(c.get("quantizer").asText(), c.get("params"));
        long[] shape = longs(c.get("shape"));
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.create(doubles(c.get("x")), shape));
        SDVariable dy = sd.constant("dy", Nd4j.create(doubles(c.get("dy")), shape));
        SDVariable y = q.quantize(sd, x);
        sd.setLossVariables(y.mul(dy).sum());
        Map<String, INDArray> gradients = sd.calculateGradients(Map.of(), "x");
        double[] forward = y.eval().data().asDouble();
        double[] inference = q.inference(sd, x).eval().data().asDouble();
        double[] gradient = gradients.get("x").data().asDouble();
        double[] expectedForward = doubles(c.get("forward"));
        double[] expectedGradient = doubles(c.get("gradient"));
        for (int i = 0; i < forward.length; i++) {
            assertEquals(expectedForward[i], forward[i], 1e-12, c.get("quantizer") + " forward at x = " + c.get("x").get(i));
            assertEquals(forward[i], inference[i], 0, c.get("quantizer") + " inference differs at x = " + c.get("x").get(i));
            assertEquals(expectedGradient[i], gradient[i], 1e-10, c.get("quantizer") + " gradient at x = " + c.get("x").get(i));
        }
    }

    @Test
    void everyNamedQuantizerExistsAndUnknownNamesAreRejected() {
        for (String name : Quantizers.NAMES) {
            assertEquals(name, Quantizers.named(name).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantizers.named("ste-sign"));
        assertEquals(true, e.getMessage().contains("ste_sign"), e.getMessage());
    }

    @Test
    void signQuantizersGiveExactlyPlusOrMinusOneInSinglePrecision() {
        SameDiff sd = SameDiff.create();
        INDArray values = Nd4j.createFromArray(new float[] {0f, -0f, 1e-30f, -1e-30f, 0.1f, -0.1f, 3.7f, -1f});
        SDVariable x = sd.var("x", values);
        for (Quantizer q : List.of(new SteSign(), new ApproxSign(), new SwishSign())) {
            float[] out = q.quantize(sd, x).eval().data().asFloat();
            assertEquals("[1.0, 1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0]", java.util.Arrays.toString(out), q.name());
        }
    }

    /** The rules of approx_sign and swish_sign are the derivatives of their papers' smooth approximations. */
    @Test
    void smoothRulesAreTheDerivativesOfTheirApproximations() {
        double h = 1e-6;
        for (double x = -1.9; x < 2; x += 0.0713) {
            double approx = (approxSignCurve(x + h) - approxSignCurve(x - h)) / (2 * h);
            assertEquals(Math.abs(x) <= 1 ? 2 - 2 * Math.abs(x) : 0, approx, 1e-6, "approx_sign at " + x);
            double beta = 5;
            double bx = beta * x;
            double rule = beta * (2 - bx * Math.tanh(bx / 2)) / (1 + Math.cosh(bx));
            assertEquals(rule, (swishSignCurve(x + h, beta) - swishSignCurve(x - h, beta)) / (2 * h), 1e-6,
                    "swish_sign at " + x);
        }
    }

    /** Bi-Real Net's piecewise polynomial: -1 below -1, 2x + x^2 on [-1, 0), 2x - x^2 on [0, 1), 1 above. */
    private static double approxSignCurve(double x) {
        return x < -1 ? -1 : x < 0 ? 2 * x + x * x : x < 1 ? 2 * x - x * x : 1;
    }

    /** BNN+'s sign-swish: 2 sigmoid(bx) (1 + bx (1 - sigmoid(bx))) - 1. */
    private static double swishSignCurve(double x, double beta) {
        double s = 1 / (1 + Math.exp(-beta * x));
        return 2 * s * (1 + beta * x * (1 - s)) - 1;
    }

    static Quantizer quantizer(String name, JsonNode p) {
        return switch (name) {
            case "ste_sign" -> new SteSign(p.get("clip").asDouble());
            case "approx_sign" -> new ApproxSign();
            case "swish_sign" -> new SwishSign(p.get("beta").asDouble());
            case "magnitude_aware_sign" -> new MagnitudeAwareSign(p.get("clip").asDouble());
            case "ste_heaviside" -> new SteHeaviside(p.get("clip").asDouble());
            case "ste_tern" -> new SteTern(p.get("threshold").asDouble(), p.get("twn").asBoolean(),
                    p.get("clip").asDouble());
            case "dorefa" -> new DoReFa(p.get("bits").asInt(),
                    "weights".equals(p.get("mode").asText()) ? DoReFa.Mode.WEIGHTS : DoReFa.Mode.ACTIVATIONS);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
