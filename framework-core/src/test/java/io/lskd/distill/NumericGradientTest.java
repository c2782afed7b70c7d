package io.lskd.distill;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.smooth.ConfidencePenaltySmoother;
import io.lskd.smooth.UniformOthersSmoother;
import io.lskd.spi.Distiller;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each reference gradient against central differences of its own value. */
class NumericGradientTest {

    private static final double H = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-6;
    /** Below this absolute difference a component passes regardless: round-off in (f+ - f-) / 2h is about 1e-10. */
    private static final double MIN_ABSOLUTE_ERROR = 1e-9;

    static List<Distiller> distillers() {
        return List.of(new CrossEntropyDistiller(), new SoftTargetDistiller(), new SoftTargetDistiller(3.0),
                new HintonDistiller(1.0, 0.5), new HintonDistiller(4.0, 0.9), new HintonDistiller(0.5, 0.3),
                new HintonDistiller(2.0, 1.0), new DkdDistiller(4.0, 1.0, 8.0, 1.0), new DkdDistiller(0.5, 2.0, 0.5, 0.2),
                new DistDistiller(1.0, 1.0, 1.0, 1.0), new DistDistiller(3.0, 2.0, 0.5, 0.0), new MaxSupPenalty(0.4),
                new ConfidencePenalty(0.8), new TfKdSelfDistiller(6.0, 0.95),
                PenalizedDistiller.of(new CrossEntropyDistiller(), new ConfidencePenaltySmoother(0.3)),
                new WeightedSumDistiller(List.of(new WeightedSumDistiller.Entry("a", 0.5, new DistDistiller(2.0, 1.0, 1.0, 0.0)),
                        new WeightedSumDistiller.Entry("b", 1.5, new HintonDistiller(3.0, 0.5)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distillers")
    void analyticGradientMatchesCentralDifferences(Distiller distiller) {
        SplittableRandom random = new SplittableRandom(7);
        int b = 4;
        int k = 6;
        for (int trial = 0; trial < 3; trial++) {
            double[][] student = Matrices.randomLogits(random, b, k, 3.0);
            double[][] teacher = Matrices.randomLogits(random, b, k, 3.0);
            double[][] targets = new UniformOthersSmoother(0.2).targets(Matrices.randomLabels(random, b, k), k);
            double[][] analytic = distiller.loss(student, teacher, targets).gradient();
            for (int i = 0; i < b; i++) {
                for (int c = 0; c < k; c++) {
                    double saved = student[i][c];
                    student[i][c] = saved + H;
                    double plus = distiller.loss(student, teacher, targets).value();
                    student[i][c] = saved - H;
                    double minus = distiller.loss(student, teacher, targets).value();
                    student[i][c] = saved;
                    double numeric = (plus - minus) / (2 * H);
                    double a = analytic[i][c];
                    double abs = Math.abs(a - numeric);
                    double rel = abs / (Math.abs(a) + Math.abs(numeric));
                    assertTrue(abs < MIN_ABSOLUTE_ERROR || rel < MAX_RELATIVE_ERROR, distiller.name() + " [" + i + "][" + c
                            + "] analytic " + a + " numeric " + numeric + " relative error " + rel);
                }
            }
        }
    }
}
