package io.lskd.nmt.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.graph.GraphDistiller;
import io.lskd.smooth.NoSmoother;
import io.lskd.smooth.UniformOthersSmoother;
import io.lskd.smooth.UniformSmoother;
import io.lskd.spi.LossValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import io.lskd.testing.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The translation losses against golden values from an independent numpy script
 * (resources/golden/nmt_losses_golden.py), the masked graph against the reference maths on the
 * unpadded rows (value and gradient), and their properties.
 */
@ExtendWith(DoublePrecision.class)
class TokenLossTest {

    private static JsonNode golden;
    private static double[][] student;
    private static double[][] teacher;
    private static int[] targets;
    private static int v;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = TokenLossTest.class.getResourceAsStream("/golden/nmt-losses.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        student = matrix(golden.get("student"));
        teacher = matrix(golden.get("teacher"));
        targets = new int[golden.get("targets").size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = golden.get("targets").get(i).asInt();
        }
        v = golden.get("vocab").asInt();
    }

    private static final int REAL = 5; // the fixture's last row is padding

    @Test
    void referenceMathsMatchesTheGoldenValues() {
        TokenTargets ls = TokenTargets.of(new UniformSmoother(0.1), v);
        TokenTargets oneHot = TokenTargets.of(new NoSmoother(), v);
        assertEquals(golden.get("ce").asDouble(), reference(new CrossEntropyDistiller(), oneHot).value(), 1e-12);
        assertEquals(golden.get("ls_ce").asDouble(), reference(new CrossEntropyDistiller(), ls).value(), 1e-12);
        assertEquals(golden.get("word_kd").asDouble(), reference(wordKd(), ls).value(), 1e-12);
        double[] q = new double[v];
        wordKd().teacherDistribution(teacher[0], q);
        for (int c = 0; c < v; c++) {
            assertEquals(golden.get("word_kd_q_row0").get(c).asDouble(), q[c], 1e-12);
        }
    }

    @Test
    void uniformSmootherIsFairseqsEpsilonOverVOnEveryTokenIncludingTheReference() {
        TokenTargets t = TokenTargets.of(new UniformSmoother(0.1), 8);
        assertEquals(0.9 + 0.1 / 8, t.onLabel(), 1e-15);
        assertEquals(0.1 / 8, t.offLabel(), 1e-15);
        TokenTargets others = TokenTargets.of(new UniformOthersSmoother(0.1), 8);
        assertEquals(0.9, others.onLabel(), 1e-15);
        assertEquals(0.1 / 7, others.offLabel(), 1e-15);
    }

    @Test
    void maskedGraphEqualsTheReferenceOnTheUnpaddedRowsInValueAndGradient() {
        TokenTargets ls = TokenTargets.of(new UniformSmoother(0.1), v);
        for (GraphDistiller d : new GraphDistiller[] {new CrossEntropyDistiller(), wordKd(), new SequenceKdDistiller(2)}) {
            LossValue reference = reference(d, ls);
            SameDiff sd = SameDiff.create();
            SDVariable logits = sd.var("logits", Nd4j.createFromArray(student));
            SDVariable loss = graph(sd, d, ls, logits);
            loss.markAsLoss();
            assertEquals(reference.value(), loss.eval().getDouble(0), 1e-12, d.name());
            double[][] g = sd.calculateGradients(Map.of(), "logits").get("logits").toDoubleMatrix();
            for (int r = 0; r < REAL; r++) {
                for (int c = 0; c < v; c++) {
                    assertEquals(reference.gradient()[r][c], g[r][c], 1e-12, d.name() + " row " + r);
                }
            }
            for (int c = 0; c < v; c++) {
                assertEquals(0.0, g[REAL][c], 0.0, "padding takes no gradient");
            }
        }
    }

    @Test
    void maskedGraphPassesNumericGradientCheck() {
        TokenTargets ls = TokenTargets.of(new UniformSmoother(0.1), v);
        for (GraphDistiller d : new GraphDistiller[] {new CrossEntropyDistiller(), wordKd()}) {
            SameDiff sd = SameDiff.create();
            SDVariable loss = graph(sd, d, ls, sd.var("logits", Nd4j.createFromArray(student)));
            sd.setLossVariables(loss);
            assertTrue(GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false), d.name());
        }
    }

    @Test
    void wordKdRowGraphMatchesItsReference() {
        WordKdDistiller d = wordKd();
        double[][] real = Arrays.copyOf(student, REAL);
        double[][] t = Arrays.copyOf(teacher, REAL);
        double[][] y = new double[REAL][];
        TokenTargets ls = TokenTargets.of(new UniformSmoother(0.1), v);
        for (int r = 0; r < REAL; r++) {
            y[r] = ls.row(targets[r], v);
        }
        LossValue reference = d.loss(real, t, y);
        SameDiff sd = SameDiff.create();
        SDVariable loss = d.lossGraph(sd, sd.var("s", Nd4j.createFromArray(real)),
                sd.constant(Nd4j.createFromArray(t)), sd.constant(Nd4j.createFromArray(y)));
        assertEquals(reference.value(), loss.eval().getDouble(0), 1e-12);
        assertEquals(reference.value(), reference.terms().get("kd") + reference.terms().get("ce"), 1e-12);
    }

    @Test
    void referenceGradientMatchesFiniteDifferences() {
        TokenTargets ls = TokenTargets.of(new UniformSmoother(0.1), v);
        double[][] real = Arrays.copyOf(student, REAL);
        double[][] t = Arrays.copyOf(teacher, REAL);
        double[][] y = new double[REAL][];
        for (int r = 0; r < REAL; r++) {
            y[r] = ls.row(targets[r], v);
        }
        WordKdDistiller d = wordKd();
        double[][] g = d.loss(real, t, y).gradient();
        double h = 1e-6;
        for (int r = 0; r < REAL; r++) {
            for (int c = 0; c < v; c++) {
                double keep = real[r][c];
                real[r][c] = keep + h;
                double up = d.loss(real, t, y).value();
                real[r][c] = keep - h;
                double down = d.loss(real, t, y).value();
                real[r][c] = keep;
                assertEquals((up - down) / (2 * h), g[r][c], 1e-8);
            }
        }
    }

    @Test
    void propertiesOfWordKd() {
        TokenTargets ls = TokenTargets.of(new UniformSmoother(0.1), v);
        // alpha 0 is the smoothed cross-entropy alone
        assertEquals(reference(new CrossEntropyDistiller(), ls).value(),
                reference(new WordKdDistiller(0.6, 0.0, 3), ls).value(), 1e-12);
        // the teacher target keeps exactly k tokens and sums to 1
        double[] q = new double[v];
        new WordKdDistiller(2.0, 0.5, 4).teacherDistribution(teacher[1], q);
        assertEquals(4, Arrays.stream(q).filter(x -> x > 0).count());
        assertEquals(1.0, Arrays.stream(q).sum(), 1e-12);
        // k = V keeps the whole softmax: then the KD term is minimal when the student equals the teacher
        WordKdDistiller full = new WordKdDistiller(1.0, 1.0, v);
        double atTeacher = full.loss(new double[][] {teacher[0]}, new double[][] {teacher[0]},
                new double[][] {ls.row(0, v)}).value();
        double elsewhere = full.loss(new double[][] {student[0]}, new double[][] {teacher[0]},
                new double[][] {ls.row(0, v)}).value();
        assertTrue(atTeacher < elsewhere);
        assertThrows(IllegalArgumentException.class, () -> new WordKdDistiller(0, 0.5, 3));
        assertThrows(IllegalArgumentException.class, () -> new WordKdDistiller(1, 1.5, 3));
        assertThrows(IllegalArgumentException.class, () -> new WordKdDistiller(1, 0.5, 0));
    }

    private static WordKdDistiller wordKd() {
        return new WordKdDistiller(golden.get("temperature").asDouble(), golden.get("alpha").asDouble(),
                golden.get("topK").asInt());
    }

    /** The distiller's reference loss on the real rows, with the smoothed one-hot targets. */
    private static LossValue reference(GraphDistiller d, TokenTargets t) {
        double[][] y = new double[REAL][];
        for (int r = 0; r < REAL; r++) {
            y[r] = t.row(targets[r], v);
        }
        return d.loss(Arrays.copyOf(student, REAL), Arrays.copyOf(teacher, REAL), y);
    }

    private static SDVariable graph(SameDiff sd, GraphDistiller d, TokenTargets t, SDVariable logits) {
        SDVariable ids = sd.constant("ids", Nd4j.createFromArray(targets));
        double[] m = new double[targets.length];
        for (int i = 0; i < golden.get("mask").size(); i++) {
            m[i] = golden.get("mask").get(i).asDouble();
        }
        SDVariable mask = sd.constant("mask", Nd4j.createFromArray(m));
        SDVariable q = null;
        if (d instanceof WordKdDistiller w) {
            double[][] rows = new double[teacher.length][v];
            for (int r = 0; r < teacher.length; r++) {
                w.teacherDistribution(teacher[r], rows[r]);
            }
            q = sd.constant("q", Nd4j.createFromArray(rows));
        }
        return TokenLossGraph.build(sd, d, t, logits, ids, mask, q, v);
    }

    private static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[node.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = node.get(i).get(j).asDouble();
            }
        }
        return out;
    }
}
