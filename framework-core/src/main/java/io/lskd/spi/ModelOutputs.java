package io.lskd.spi;

import java.util.List;

/**
 * A trained model's outputs for the analyses: class templates and its outputs on the training
 * and held-out splits.
 *
 * @param classNames index = label
 * @param templates the last linear layer's row per class with the bias appended, [K][d + 1], so
 *     that logit_c = templates[c] . (x, 1) for penultimate activations x (Müller et al. 2019)
 * @param train outputs on the training split (without augmentation)
 * @param test outputs on the held-out split
 */
public record ModelOutputs(List<String> classNames, double[][] templates, SplitOutputs train, SplitOutputs test) {
    public ModelOutputs {
        classNames = List.copyOf(classNames);
        if (templates.length != classNames.size()) {
            throw new IllegalArgumentException(templates.length + " templates for " + classNames.size() + " classes");
        }
    }
}
