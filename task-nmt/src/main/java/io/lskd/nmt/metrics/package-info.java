/**
 * BLEU, chrF and chrF++ exactly as sacreBLEU 2.x (release 2.6.0) computes them, in plain Java
 * (no DL4J): {@link io.lskd.nmt.metrics.Bleu} with {@link io.lskd.nmt.metrics.BleuOptions}
 * (tokenizers 13a, intl, char, none; lowercase; exp, floor, add-k and no smoothing; effective
 * order; several references) and {@link io.lskd.nmt.metrics.Chrf} with
 * {@link io.lskd.nmt.metrics.ChrfOptions}, each at corpus and sentence level and each signing
 * its scores with sacreBLEU's reproducibility signature.
 *
 * <p>The conventions are sacreBLEU's: hypotheses are a list of detokenized segments,
 * references a list of streams, each stream parallel to the hypotheses. Python string
 * semantics that change results (whitespace, {@code lower()}, code point slicing, number
 * formatting, the {@code regex} module's Unicode classes) are reproduced in
 * {@code PythonText} and {@code UnicodeClasses}.
 */
package io.lskd.nmt.metrics;
