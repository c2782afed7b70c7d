package io.lskd.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training step computed before it updated the parameters.
 *
 * @param loss the batch-mean loss
 * @param terms each named term of the loss, summing to {@code loss}
 * @param logits the batch's logits in training mode, [B][K] (what an adaptive smoother observes)
 */
public record StepResult(double loss, Map<String, Double> terms, double[][] logits) {
    public StepResult {
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }
}
