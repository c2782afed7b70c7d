package io.lskd.nmt.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lskd.nmt.loss.TokenTargets;
import io.lskd.nmt.loss.WordKdDistiller;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The word-level KD target built from the teacher's padded logits (read from the buffer in
 * place) equals the one built from the real rows as Java arrays (the reference path), for a
 * plain array and for a view; rows at padding are zero, real rows hold the teacher's top k
 * renormalised.
 */
class TeacherTargetTest {

    private static final int V = 11;
    private static final int TOP_K = 3;

    @Test
    void paddedLogitsGiveTheSameTargetAsTheRealRows() {
        NmtGraph graph = new NmtGraph(new TransformerSpec(1, 1, 4, 2, 6, 0.0, true), V,
                new WordKdDistiller(2.0, 0.5, TOP_K), new TokenTargets(1.0, 0.0), DataType.FLOAT, 3);
        TokenBatch batch = new TokenBatch(new int[][] {{4, 5, Vocabulary.EOS}, {6, Vocabulary.EOS}},
                new int[][] {{5, 8, 5, Vocabulary.EOS}, {4, Vocabulary.EOS}});
        int t = 4;
        INDArray wide = Nd4j.rand(DataType.FLOAT, 2 * t, V + 5).subi(0.5).muli(6);
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 2 + V));
        for (INDArray logits : new INDArray[] {view.dup('c'), view}) {
            double[][] realRows = {row(logits, 0), row(logits, 1), row(logits, 2), row(logits, 3),
                                   row(logits, t), row(logits, t + 1)};
            INDArray expected = graph.teacherTarget(batch, realRows);
            INDArray actual = graph.teacherTarget(batch, logits);
            for (int r = 0; r < 2 * t; r++) {
                assertArrayEquals(expected.getRow(r).toDoubleVector(), actual.getRow(r).toDoubleVector(), 1e-7,
                        "row " + r + (logits.isView() ? " of a view" : ""));
                double sum = actual.getRow(r).sumNumber().doubleValue();
                long nonZero = actual.getRow(r).neq(0.0).castTo(DataType.INT32).sumNumber().longValue();
                boolean padding = r >= t + 2;
                assertEquals(padding ? 0.0 : 1.0, sum, 1e-6, "row " + r);
                assertEquals(padding ? 0 : TOP_K, nonZero, "row " + r);
            }
        }
    }

    private static double[] row(INDArray logits, int r) {
        return logits.getRow(r).castTo(DataType.DOUBLE).toDoubleVector();
    }
}
