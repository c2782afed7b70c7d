package io.lskd.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lskd.smooth.OnlineLabelSmoother;
import io.lskd.spi.LossValue;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    /** Zhang et al.'s online label smoothing over one epoch: uniform first, then the learnt S. */
    @Test
    void onlineLabelSmoothingMatchesTheNumpyReference() {
        GoldenLosses g = GoldenLosses.INSTANCE;
        OnlineLabelSmoother ols = new OnlineLabelSmoother(g.onlineAlpha);
        Matrices.assertClose(g.onlineTargetsBefore, ols.targets(g.labels, g.numClasses), TOLERANCE, "first epoch");
        for (double[][] batch : g.onlineObserved) {
            ols.observe(batch, g.labels);
        }
        ols.epochEnded();
        Matrices.assertClose(g.onlineSoft, ols.state().orElseThrow().soft(), TOLERANCE, "S after one epoch");
        Matrices.assertClose(g.onlineTargetsAfter, ols.targets(g.labels, g.numClasses), TOLERANCE, "second epoch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothers")
    void smootherTargetsMatchTheNumpyReference(GoldenLosses.SmootherCase s) {
        GoldenLosses g = GoldenLosses.INSTANCE;
        Matrices.assertClose(s.targets(), s.smoother().targets(g.labels, g.numClasses), TOLERANCE, "targets");
    }
}
