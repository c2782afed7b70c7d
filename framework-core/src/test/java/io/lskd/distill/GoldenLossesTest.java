package io.lskd.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lskd.spi.LossValue;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every distiller configuration against the independent numpy reference (golden/losses_golden.py). */
class GoldenLossesTest {

    private static final double TOLERANCE = 1e-10;

    static List<GoldenLosses.Case> cases() {
        return GoldenLosses.INSTANCE.cases;
    }

    static List<GoldenLosses.SmootherCase> smoothers() {
        return GoldenLosses.INSTANCE.smoothers;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueTermsAndGradientMatchTheNumpyReference(GoldenLosses.Case c) {
        GoldenLosses g = GoldenLosses.INSTANCE;
        LossValue loss = c.distiller().loss(g.student, g.teacher, c.targets());
        assertEquals(c.value(), loss.value(), TOLERANCE, "value");
        assertEquals(c.terms().keySet(), loss.terms().keySet(), "term names");
        c.terms().forEach((name, expected) -> assertEquals(expected, loss.terms().get(name), TOLERANCE, "term " + name));
        Matrices.assertClose(c.gradient(), loss.gradient(), TOLERANCE, "gradient");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothers")
    void smootherTargetsMatchTheNumpyReference(GoldenLosses.SmootherCase s) {
        GoldenLosses g = GoldenLosses.INSTANCE;
        Matrices.assertClose(s.targets(), s.smoother().targets(g.labels, g.numClasses), TOLERANCE, "targets");
    }
}
