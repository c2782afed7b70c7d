package io.lskd.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.graph.GraphDistiller;
import io.lskd.smooth.MaxSupSmoother;
import io.lskd.smooth.UniformOthersSmoother;
import io.lskd.spi.LossValue;
import java.util.List;
import java.util.Map;
import io.lskd.testing.DoublePrecision;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each distiller's SameDiff graph against its plain-Java reference: the value, the gradient
 * SameDiff derives for the student logits, and ND4J's own numeric gradient check of the graph.
 * Runs on the golden fixture's inputs, which include a row of logits around 60 that only a
 * max-shifted log-softmax survives at T = 0.6.
 */
@ExtendWith(DoublePrecision.class)
class GraphParityTest {

    private static final String STUDENT = "studentLogits";
    private static final String TEACHER = "teacherLogits";
    private static final String TARGETS = "targets";

    static List<GoldenLosses.Case> cases() {
        return GoldenLosses.INSTANCE.cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void graphValueAndGradientMatchTheReference(GoldenLosses.Case c) {
        GoldenLosses g = GoldenLosses.INSTANCE;
        GraphDistiller distiller = c.distiller();
        LossValue reference = distiller.loss(g.student, g.teacher, c.targets());

        // teacher and targets as placeholders, as a training graph feeds them
        SameDiff sd = SameDiff.create();
        SDVariable student = sd.var(STUDENT, Nd4j.createFromArray(g.student));
        SDVariable teacher = sd.placeHolder(TEACHER, DataType.DOUBLE, -1, g.numClasses);
        SDVariable targets = sd.placeHolder(TARGETS, DataType.DOUBLE, -1, g.numClasses);
        SDVariable loss = distiller.lossGraph(sd, student, distiller.needsTeacher() ? teacher : null, targets);
        loss.markAsLoss();
        Map<String, INDArray> placeholders = Map.of(
                TEACHER, Nd4j.createFromArray(g.teacher), TARGETS, Nd4j.createFromArray(c.targets()));

        INDArray value = sd.output(placeholders, loss.name()).get(loss.name());
        assertEquals(0, value.rank(), "the loss is a scalar");
        assertEquals(reference.value(), value.getDouble(0), 1e-10, "value");

        INDArray gradient = sd.calculateGradients(placeholders, STUDENT).get(STUDENT);
        Matrices.assertClose(reference.gradient(), gradient.toDoubleMatrix(), 1e-8, "SameDiff gradient");

        // the terms a trainer logs: the same names and values as the reference's
        Map<String, SDVariable> terms = distiller.lossTerms(sd, student, distiller.needsTeacher() ? teacher : null,
                targets);
        assertEquals(reference.terms().keySet(), terms.keySet(), "term names");
        Map<String, INDArray> termValues = sd.output(placeholders,
                terms.values().stream().map(SDVariable::name).toArray(String[]::new));
        terms.forEach((name, v) -> assertEquals(reference.terms().get(name), termValues.get(v.name()).getDouble(0),
                1e-10, "term " + name));
    }

    /**
     * One distiller per family and temperature regime. SameDiff needs tens of milliseconds per
     * forward pass of these 10-30 op graphs on a 2-core machine and GradCheckUtil runs two per
     * entry, so the check uses two rows of the fixture (one of them the large-logit row)
     * rather than every golden case.
     */
    static List<GraphDistiller> gradCheckDistillers() {
        return List.of(new CrossEntropyDistiller(), new SoftTargetDistiller(0.6), new SoftTargetDistiller(4.0),
                new HintonDistiller(4.0, 0.9), new HintonDistiller(0.6, 0.3),
                new DkdDistiller(4.0, 1.0, 8.0, 1.0), new DkdDistiller(0.6, 2.0, 0.5, 0.3),
                new DistDistiller(1.0, 1.0, 1.0, 1.0), new DistDistiller(4.0, 2.0, 0.5, 0.0),
                new MaxSupPenalty(0.7), new ConfidencePenalty(1.5),
                PenalizedDistiller.of(new HintonDistiller(2.0, 0.5), new MaxSupSmoother(0.3)),
                new WeightedSumDistiller(List.of(new WeightedSumDistiller.Entry("ce", 0.4, new CrossEntropyDistiller()),
                        new WeightedSumDistiller.Entry("dkd", 0.6, new DkdDistiller(2.0, 1.0, 2.0, 0.0)))));
    }

    /**
     * Teacher and targets are constants here: in M2.1 GradCheckUtil wants a gradient for every
     * floating-point placeholder, but the gradient function SameDiff builds holds gradients for
     * VARIABLEs only, so any placeholder, even one the loss reads, fails with "No gradient
     * variable found for variable ...". Only the student logits are trained, and checked.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gradCheckDistillers")
    void graphPassesNd4jGradientCheck(GraphDistiller distiller) {
        GoldenLosses g = GoldenLosses.INSTANCE;
        double[][] studentRows = {g.student[1], g.student[2]};
        double[][] teacherRows = {g.teacher[1], g.teacher[2]};
        int[] labels = {g.labels[1], g.labels[2]};
        SameDiff sd = SameDiff.create();
        SDVariable student = sd.var(STUDENT, Nd4j.createFromArray(studentRows));
        SDVariable teacher = sd.constant(TEACHER, Nd4j.createFromArray(teacherRows));
        SDVariable targets = sd.constant(TARGETS,
                Nd4j.createFromArray(new UniformOthersSmoother(0.3).targets(labels, g.numClasses)));
        distiller.lossGraph(sd, student, distiller.needsTeacher() ? teacher : null, targets).markAsLoss();
        assertTrue(GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false),
                "GradCheckUtil failed for " + distiller.name());
    }
}
