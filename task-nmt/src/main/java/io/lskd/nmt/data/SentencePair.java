package io.lskd.nmt.data;

/**
 * One aligned pair.
 *
 * @param reference where it comes from, e.g. "Mark 1:1" or "train.tags.de-en:17" (used by the
 *     book split, and to name a pair in messages)
 * @param source the source sentence, raw text
 * @param target the target sentence, raw text
 */
public record SentencePair(String reference, String source, String target) {
}
