package io.lskd.nmt.data;

import java.util.List;

/** A corpus divided into training, validation and test pairs. */
public record Splits(List<SentencePair> train, List<SentencePair> valid, List<SentencePair> test) {

    public Splits {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
    }
}
