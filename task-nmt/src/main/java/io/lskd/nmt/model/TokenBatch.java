package io.lskd.nmt.model;

/**
 * Sentence pairs as token ids: each source and target ends in EOS; the decoder reads BOS
 * followed by the target without its EOS (teacher forcing).
 */
public record TokenBatch(int[][] source, int[][] target) {

    public TokenBatch {
        if (source.length != target.length) {
            throw new IllegalArgumentException(source.length + " sources but " + target.length + " targets");
        }
    }

    public int size() {
        return source.length;
    }

    /** BOS + target[0 .. n-2]: the decoder's input at each position, as long as the target. */
    public int[][] decoderInput() {
        int[][] in = new int[target.length][];
        for (int i = 0; i < target.length; i++) {
            in[i] = new int[target[i].length];
            in[i][0] = Vocabulary.BOS;
            System.arraycopy(target[i], 0, in[i], 1, target[i].length - 1);
        }
        return in;
    }

    /** The number of real target tokens. */
    public int targetTokens() {
        int n = 0;
        for (int[] t : target) {
            n += t.length;
        }
        return n;
    }

    /** The positions the graph computes, padding included: sentences x (longest source + longest target). */
    public long paddedTokens() {
        return (long) size() * (Feeds.length(source) + Feeds.length(target));
    }
}
