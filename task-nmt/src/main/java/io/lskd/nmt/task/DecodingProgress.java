package io.lskd.nmt.task;

import io.lskd.run.Durations;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress lines of a long decoding, such as a teacher translating the training sources for
 * sequence-level KD: one at the start, one at most every minute (sentences done, sentences per
 * second, time left) and one at the end. The time left is extrapolated from source tokens
 * rather than sentences, since the sources are decoded shortest first; sentences kept from an
 * earlier attempt count as done but not in the rate.
 */
final class DecodingProgress {

    private static final long INTERVAL_NANOS = 60_000_000_000L;

    private final String what;
    private final int sentences;
    private final long tokens;
    private final Consumer<String> out;
    private final long start = System.nanoTime();
    private long lastLine = start;
    private int keptSentences;
    private long keptTokens;

    /**
     * @param what what is decoded, starting the lines
     * @param sources the sources to decode
     * @param out where the lines go
     */
    DecodingProgress(String what, int[][] sources, Consumer<String> out) {
        this.what = what;
        this.sentences = sources.length;
        long n = 0;
        for (int[] s : sources) {
            n += s.length;
        }
        this.tokens = n;
        this.out = out;
        out.accept(String.format(Locale.ROOT, "%s: %,d sentences", what, sentences));
    }

    /** Progress that prints nothing (short decodings such as the test split). */
    static DecodingProgress silent(int[][] sources) {
        return new DecodingProgress("", sources, line -> { });
    }

    /** What this attempt starts with: {@code sentences} of {@code sourceTokens} decoded by an earlier one. */
    void kept(int keptSentences, long sourceTokens) {
        this.keptSentences = keptSentences;
        this.keptTokens = sourceTokens;
        out.accept(String.format(Locale.ROOT, "%s: continuing after the %,d kept from an earlier attempt", what,
                keptSentences));
    }

    /**
     * After a batch: {@code doneSentences} sentences of {@code doneTokens} source tokens are decoded.
     *
     * @return whether a line was due (at most once a minute, and at the end)
     */
    boolean decoded(int doneSentences, long doneTokens) {
        long now = System.nanoTime();
        boolean finished = doneSentences == sentences;
        if (!finished && now - lastLine < INTERVAL_NANOS) {
            return false;
        }
        lastLine = now;
        double elapsed = (now - start) / 1e9;
        double rate = (doneSentences - keptSentences) / elapsed;
        out.accept(finished
                ? String.format(Locale.ROOT, "%s: %,d sentences in %s, %.1f sentences/s", what, sentences,
                        Durations.format(elapsed), rate)
                : String.format(Locale.ROOT, "%s: %,d of %,d sentences, %.1f sentences/s, about %s left", what,
                        doneSentences, sentences, rate,
                        Durations.format(elapsed * (tokens - doneTokens) / Math.max(1, doneTokens - keptTokens))));
        return true;
    }
}
