package io.lskd.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.smooth.NoSmoother;
import io.lskd.smooth.UniformSmoother;
import io.lskd.spi.Distiller;
import io.lskd.spi.LossValue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties that tie the distillers to each other and to the paper. */
class DistillerPropertiesTest {

    private static final int B = 6;
    private static final int K = 7;

    private final SplittableRandom random = new SplittableRandom(42);
    private final double[][] student = Matrices.randomLogits(random, B, K, 2.0);
    private final double[][] teacher = Matrices.randomLogits(random, B, K, 3.0);
    private final int[] labels = Matrices.randomLabels(random, B, K);
    private final double[][] oneHot = new NoSmoother().targets(labels, K);

    @Test
    void crossEntropyOnOneHotIsMeanNegativeLogLikelihood() {
        double expected = 0.0;
        for (int i = 0; i < B; i++) {
            double norm = 0.0;
            for (double z : student[i]) {
                norm += Math.exp(z);
            }
            expected -= Math.log(Math.exp(student[i][labels[i]]) / norm) / B;
        }
        assertEquals(expected, new CrossEntropyDistiller().loss(student, null, oneHot).value(), 1e-12);
    }

    @Test
    void softTargetFromAOneHotTeacherIsCrossEntropy() {
        double[][] peaked = new double[B][K];
        for (int i = 0; i < B; i++) {
            peaked[i][labels[i]] = 1e3;
        }
        assertSameLoss(new CrossEntropyDistiller().loss(student, null, oneHot),
                new SoftTargetDistiller().loss(student, peaked, null), 1e-12);
    }

    /** Shen et al. Property 1: LS with a equals soft-target KD from a teacher that predicts y_LS. */
    @Test
    void uniformLabelSmoothingIsSoftTargetKdFromTheSmoothedLabels() {
        for (double alpha : new double[] {0.1, 0.3}) {
            double[][] smoothed = new UniformSmoother(alpha).targets(labels, K);
            double[][] teacherLogits = new double[B][K];
            for (int i = 0; i < B; i++) {
                for (int c = 0; c < K; c++) {
                    teacherLogits[i][c] = Math.log(smoothed[i][c]);
                }
            }
            assertSameLoss(new CrossEntropyDistiller().loss(student, null, smoothed),
                    new SoftTargetDistiller().loss(student, teacherLogits, null), 1e-12);
        }
    }

    @Test
    void hintonWithLambdaZeroIsCrossEntropy() {
        double[][] targets = new UniformSmoother(0.1).targets(labels, K);
        LossValue hinton = new HintonDistiller(4.0, 0.0).loss(student, teacher, targets);
        assertSameLoss(new CrossEntropyDistiller().loss(student, null, targets), hinton, 0.0);
        assertEquals(0.0, hinton.terms().get("kd"), 0.0);
    }

    @Test
    void klTermIsNonNegativeAndZeroWhenStudentIsTeacher() {
        for (double t : new double[] {0.5, 1.0, 4.0, 20.0}) {
            HintonDistiller kdOnly = new HintonDistiller(t, 1.0);
            for (int trial = 0; trial < 20; trial++) {
                double[][] zs = Matrices.randomLogits(random, B, K, 5.0);
                double[][] zt = Matrices.randomLogits(random, B, K, 5.0);
                LossValue loss = kdOnly.loss(zs, zt, oneHot);
                assertTrue(loss.terms().get("kd") >= 0.0, "KL < 0 at T=" + t);
                assertEquals(0.0, loss.terms().get("ce"), 0.0, "ce is reported, as 0, when lambda = 1");
            }
            LossValue same = kdOnly.loss(student, student, oneHot);
            assertEquals(0.0, same.value(), 1e-13);
            Matrices.assertClose(new double[B][K], same.gradient(), 1e-15, "gradient at student = teacher");
        }
    }

    @Test
    void hintonTermsSumToTheValue() {
        LossValue loss = new HintonDistiller(2.0, 0.7).loss(student, teacher, oneHot);
        assertEquals(loss.value(), loss.terms().get("ce") + loss.terms().get("kd"), 0.0);
        assertTrue(loss.terms().get("ce") > 0.0 && loss.terms().get("kd") > 0.0);
    }

    @Test
    void stableForHugeLogits() {
        double[][] huge = {{1e4, -1e4, 0.0}, {-5e3, 5e3, 7e2}};
        double[][] targets = new UniformSmoother(0.1).targets(new int[] {0, 1}, 3);
        for (Distiller d : new Distiller[] {new CrossEntropyDistiller(), new SoftTargetDistiller(2.0), new HintonDistiller(3.0, 0.5)}) {
            LossValue loss = d.loss(huge, huge, targets);
            assertTrue(Double.isFinite(loss.value()), d.name());
            for (double[] row : loss.gradient()) {
                for (double g : row) {
                    assertTrue(Double.isFinite(g), d.name());
                }
            }
        }
    }

    @Test
    void shapeErrorsNameTheArgument() {
        double[][] shortBatch = new double[B - 1][K];
        double[][] fewerClasses = new double[B][K - 1];
        assertMessage("teacherLogits is [5][7] but studentLogits is [6][7]",
                () -> new SoftTargetDistiller().loss(student, shortBatch, null));
        assertMessage("targets is [6][6] but studentLogits is [6][7]",
                () -> new CrossEntropyDistiller().loss(student, null, fewerClasses));
        assertMessage("targets is [6][6]", () -> new HintonDistiller(1.0, 0.5).loss(student, teacher, fewerClasses));
        assertMessage("teacherLogits must not be null", () -> new HintonDistiller(1.0, 0.5).loss(student, null, oneHot));
        assertMessage("studentLogits row 1 has 2 columns, row 0 has 3",
                () -> new CrossEntropyDistiller().loss(new double[][] {{1, 2, 3}, {1, 2}}, null, oneHot));
    }

    @Test
    void constructorsValidate() {
        assertMessage("soft-target: temperature must be in (0, inf), got 0.0", () -> new SoftTargetDistiller(0.0));
        assertMessage("hinton: temperature must be in (0, inf), got NaN", () -> new HintonDistiller(Double.NaN, 0.5));
        assertMessage("lambda must be in [0, 1], got 1.5", () -> new HintonDistiller(4.0, 1.5));
        assertMessage("lambda must be in [0, 1], got -0.1", () -> new HintonDistiller(4.0, -0.1));
    }

    @Test
    void namesAndTeacherNeeds() {
        assertEquals("cross-entropy", new CrossEntropyDistiller().name());
        assertEquals("soft-target", new SoftTargetDistiller().name());
        assertEquals("hinton", new HintonDistiller(4.0, 0.9).name());
        assertFalse(new CrossEntropyDistiller().needsTeacher());
        assertTrue(new SoftTargetDistiller().needsTeacher());
        assertEquals(1.0, new SoftTargetDistiller().temperature(), 0.0);
    }

    private static void assertSameLoss(LossValue expected, LossValue actual, double tolerance) {
        assertEquals(expected.value(), actual.value(), tolerance, "value");
        Matrices.assertClose(expected.gradient(), actual.gradient(), tolerance, "gradient");
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
    }
}
