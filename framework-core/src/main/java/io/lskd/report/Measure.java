package io.lskd.report;

import java.util.function.ToDoubleFunction;

/**
 * A figure of a run that the report tabulates: its key in report.json, its column heading, how
 * it is printed (scale and decimals) and how it is read from a run folder.
 */
record Measure(String key, String heading, double scale, int decimals, ToDoubleFunction<RunFolder> figure) {

    static final Measure TOP1 = metric("top1", "top-1 %", 100, 2);
    static final Measure NLL = metric("nll", "NLL", 1, 4);
    static final Measure ECE = metric("ece", "ECE", 1, 4);
    static final Measure STABILITY = metric("stability", "1-S held-out", 1, 4);
    static final Measure TRAIN_STABILITY = metric("train_stability", "1-S train", 1, 4);
    static final Measure AGREEMENT = metric("agreement", "agree %", 100, 2);
    static final Measure TRAIN_LOSS = new Measure("train_loss", "final train loss", 1, 4,
            r -> r.lastEpoch("train_loss"));
    /** The mean share of binary weights whose sign changed per step in the last epoch. */
    static final Measure FLIP_RATIO = metric("flip_ratio", "flip ratio", 1, 5);
    static final Measure SIZE_BITS = metric("size_bits", "size (bits)", 1, 0);
    /** Already on sacreBLEU's 0-100 scale, as are chrF's. */
    static final Measure BLEU = metric("bleu", "BLEU", 1, 2);
    static final Measure CHRF = metric("chrf", "chrF", 1, 2);
    /** Teacher-forced mean negative log-likelihood per target token. */
    static final Measure NLL_PER_TOKEN = metric("nll", "NLL per token", 1, 4);
    static final Measure TOKEN_ACCURACY = metric("token_accuracy", "token acc %", 100, 2);

    private static Measure metric(String key, String heading, double scale, int decimals) {
        return new Measure(key, heading, scale, decimals, r -> r.metric(key));
    }

    /** "mean ± std" of the arm's runs in this measure's print format. */
    String format(Stat s) {
        return s.format(scale, decimals);
    }
}
