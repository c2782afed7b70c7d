package io.lskd.nmt.decode;

/**
 * The longest output a decoder may produce for a source of n tokens, EOS included:
 * {@code floor(a n) + b} (fairseq's max_len_a and max_len_b), at most {@code cap}.
 */
public record LengthLimit(double a, int b, int cap) {

    public LengthLimit {
        if (a < 0 || b < 1 || cap < 1) {
            throw new IllegalArgumentException("length limit needs a >= 0, b >= 1, cap >= 1; got " + a + ", " + b
                    + ", " + cap);
        }
    }

    public int of(int sourceLength) {
        return (int) Math.min(cap, Math.floor(a * sourceLength) + b);
    }
}
