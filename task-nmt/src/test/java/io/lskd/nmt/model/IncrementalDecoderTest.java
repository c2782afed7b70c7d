package io.lskd.nmt.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lskd.distill.CrossEntropyDistiller;
import io.lskd.nmt.decode.BeamSearch;
import io.lskd.nmt.decode.GreedyDecoder;
import io.lskd.nmt.decode.LengthLimit;
import io.lskd.nmt.decode.NextTokenScorer;
import io.lskd.nmt.loss.TokenTargets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Decoding with cached keys and values gives, at every step, the log-probabilities of the
 * teacher-forced pass over the whole prefix (in double precision, to rounding), also when the
 * hypotheses are reordered and repeated between steps and the sources differ in length; and
 * beam search and greedy decoding through it give the outputs they give through a scorer that
 * re-reads every prefix.
 */
class IncrementalDecoderTest {

    private static final int V = 23;
    private static final int[][] SOURCES = {{4, 9, 13, 7, Vocabulary.EOS}, {5, 6, Vocabulary.EOS},
        {11, 12, 19, 20, 21, 8, Vocabulary.EOS}};

    private static NmtGraph graph(boolean preNorm) {
        return new NmtGraph(new TransformerSpec(2, 2, 8, 2, 12, 0.1, preNorm), V, new CrossEntropyDistiller(),
                new TokenTargets(1.0, 0.0), DataType.DOUBLE, 5);
    }

    @ParameterizedTest(name = "pre-norm {0}")
    @ValueSource(booleans = {true, false})
    void everyStepEqualsTheTeacherForcedPassOverTheWholePrefix(boolean preNorm) {
        NmtGraph graph = graph(preNorm);
        int[][] targets = {{14, 15, 3, 17, 18, Vocabulary.EOS}, {4, 22, 10, 10, 9, Vocabulary.EOS},
            {16, 4, 5, 6, 7, Vocabulary.EOS}};
        TokenBatch batch = new TokenBatch(SOURCES, targets);
        INDArray reference = Nd4j.exec(new LogSoftMax(graph.logits(batch)))[0];
        int[][] inputs = batch.decoderInput();
        int length = targets[0].length;
        // each step asks for the sentences in another order, sentence 1 twice
        int[][] orders = {{0, 1, 2}, {2, 1, 0, 1}, {1, 0, 2}, {1, 1, 2, 0}, {0, 2, 1}, {2, 0, 1}};
        try (IncrementalDecoder decoder = graph.decoder(SOURCES)) {
            for (int t = 1; t <= length; t++) {
                int[] sentence = orders[t - 1];
                int[][] prefixes = new int[sentence.length][];
                for (int r = 0; r < sentence.length; r++) {
                    prefixes[r] = Arrays.copyOf(inputs[sentence[r]], t);
                }
                double[][] scores = decoder.nextLogProbs(sentence, prefixes);
                for (int r = 0; r < sentence.length; r++) {
                    double[] expected = reference.getRow((long) sentence[r] * length + t - 1).toDoubleVector();
                    assertArrayEquals(expected, scores[r], 1e-10, "step " + t + ", sentence " + sentence[r]);
                }
            }
        }
    }

    @ParameterizedTest(name = "pre-norm {0}")
    @ValueSource(booleans = {true, false})
    void beamSearchAndGreedyDecodingGiveWhatTheyGiveWithoutTheCache(boolean preNorm) {
        NmtGraph graph = graph(preNorm);
        int[] lengths = Arrays.stream(SOURCES).mapToInt(s -> s.length).toArray();
        LengthLimit limit = new LengthLimit(1.5, 3, 100);
        NextTokenScorer rereading = (sentence, prefixes) -> rereadingScores(graph, sentence, prefixes);
        for (int beam : new int[] {1, 3}) {
            BeamSearch search = new BeamSearch(beam, 1.0, limit);
            try (IncrementalDecoder decoder = graph.decoder(SOURCES)) {
                assertArrayEquals(search.decode(rereading, lengths), search.decode(decoder, lengths), "beam " + beam);
            }
        }
        GreedyDecoder greedy = new GreedyDecoder(limit);
        try (IncrementalDecoder decoder = graph.decoder(SOURCES)) {
            assertArrayEquals(greedy.decode(rereading, lengths), greedy.decode(decoder, lengths));
        }
    }

    /** Next-token log-probabilities from the teacher-forced pass over each whole prefix. */
    private static double[][] rereadingScores(NmtGraph graph, int[] sentence, int[][] prefixes) {
        int[][] sources = new int[sentence.length][];
        int[][] targets = new int[sentence.length][];
        int length = prefixes[0].length;
        for (int r = 0; r < sentence.length; r++) {
            sources[r] = SOURCES[sentence[r]];
            // the decoder reads BOS + target[0 .. n-2], so this target makes it read the prefix
            targets[r] = Arrays.copyOf(Arrays.copyOfRange(prefixes[r], 1, length), length);
        }
        INDArray logProbs = Nd4j.exec(new LogSoftMax(graph.logits(new TokenBatch(sources, targets))))[0];
        double[][] out = new double[sentence.length][];
        for (int r = 0; r < sentence.length; r++) {
            out[r] = logProbs.getRow((long) r * length + length - 1).toDoubleVector();
        }
        return out;
    }

    @Test
    void aPrefixThatExtendsNoCachedOneIsRefused() {
        NmtGraph graph = graph(true);
        try (IncrementalDecoder decoder = graph.decoder(SOURCES)) {
            decoder.nextLogProbs(new int[] {0, 1}, new int[][] {{Vocabulary.BOS}, {Vocabulary.BOS}});
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> decoder
                    .nextLogProbs(new int[] {2}, new int[][] {{Vocabulary.BOS, 4}}));
            assertEquals("row 0 (sentence 2) does not extend a prefix of the previous step", unknown.getMessage());
            IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> decoder
                    .nextLogProbs(new int[] {0, 1}, new int[][] {{Vocabulary.BOS, 4}, {Vocabulary.BOS, 4, 5}}));
            assertEquals("prefixes of one step must have one length; row 0 has 2 tokens, row 1 3", mixed.getMessage());
            IllegalArgumentException skipped = assertThrows(IllegalArgumentException.class, () -> decoder
                    .nextLogProbs(new int[] {0}, new int[][] {{Vocabulary.BOS, 4, 5}}));
            assertEquals("prefixes of 3 tokens do not extend the previous step's (of 1)", skipped.getMessage());
        }
    }
}
