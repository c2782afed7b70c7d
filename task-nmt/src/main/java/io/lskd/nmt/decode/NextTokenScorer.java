package io.lskd.nmt.decode;

/**
 * What a decoder asks a model, for one batch of encoded sentences: the log-probabilities of the
 * next token after each prefix.
 */
@FunctionalInterface
public interface NextTokenScorer {

    /**
     * @param sentence for each prefix r, the index of the batch sentence it continues
     * @param prefixes the prefixes, each starting with BOS
     * @return log-probabilities [R][V], each row summing (in probability) to 1
     */
    double[][] nextLogProbs(int[] sentence, int[][] prefixes);
}
