package io.lskd.spi;

import java.util.Map;

/**
 * A loss evaluated on a batch.
 *
 * @param value the batch-mean loss
 * @param gradient d value / d student logits, [B][K]
 * @param terms each named term of the loss, already weighted, summing to {@code value}
 */
public record LossValue(double value, double[][] gradient, Map<String, Double> terms) {
    public LossValue {
        terms = Map.copyOf(terms);
    }
}
