package io.lskd.nmt.task;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.spec.TaskSpec;
import java.util.List;

/**
 * Translation of a parallel corpus: where the pairs come from, how they split, the subword
 * vocabulary, and how models are evaluated (beam search, BLEU and chrF on the test split).
 * Defaults are RECIPES.md's nmt-quick recipe.
 */
@TypeName(NmtTaskSpec.NAME)
@Doc("Translation: a parallel corpus, a joint BPE vocabulary, BLEU and chrF of beam-search output on the test split")
public record NmtTaskSpec(
        @Doc("Corpus: 'bible-es-en' (bundled), a TSV file (reference, source, target or source, target),"
                + " or a folder with IWSLT14 files (train.tags.*, *.xml) or train/valid/test.<lang> files"
                + " (default bible-es-en)") String corpus,
        @Doc("Source language code, for folder corpora (default es)") String sourceLanguage,
        @Doc("Target language code, for folder corpora (default en)") String targetLanguage,
        @Doc("Books held out for test, for verse-referenced TSV corpora (default [Mark])") List<String> testBooks,
        @Doc("Books held out for validation (default [Ruth, Jonah])") List<String> validBooks,
        @Range(min = 1) @Doc("Keep the first n training pairs, in file order (default: all)") Integer trainLimit,
        @Range(min = 1) @Doc("Keep the first n test pairs (default: all)") Integer testLimit,
        @Range(min = 8) @Doc("Joint subword vocabulary size, learnt on the training split (default 8000)") Integer vocabSize,
        @Range(min = 2) @Doc("Training pairs with a side longer than this many subwords are left out (default 128)")
        Integer maxTokens,
        @Range(min = 1) @Doc("Beam size for evaluation (default 4)") Integer beamSize,
        @Range(min = 0) @Doc("Length penalty exponent of beam search (default 1)") Double lengthPenalty,
        @Range(min = 1) @Doc("Sentences per batch when decoding and scoring (default 64)") Integer evalBatchSize,
        @Range(min = 0) @Doc("Decoded outputs stop at maxLengthA x source length + maxLengthB tokens (default 1.2)")
        Double maxLengthA,
        @Range(min = 1) @Doc("See maxLengthA (default 10)") Integer maxLengthB,
        @Doc("Report validation NLL and token accuracy after every epoch (default true)") Boolean evalEachEpoch)
        implements TaskSpec {

    public static final String NAME = "nmt";
    public static final String BUNDLED = "bible-es-en";

    public NmtTaskSpec {
        corpus = corpus == null ? BUNDLED : corpus;
        sourceLanguage = sourceLanguage == null ? "es" : sourceLanguage;
        targetLanguage = targetLanguage == null ? "en" : targetLanguage;
        testBooks = testBooks == null ? List.of("Mark") : List.copyOf(testBooks);
        validBooks = validBooks == null ? List.of("Ruth", "Jonah") : List.copyOf(validBooks);
        vocabSize = vocabSize == null ? 8000 : vocabSize;
        maxTokens = maxTokens == null ? 128 : maxTokens;
        beamSize = beamSize == null ? 4 : beamSize;
        lengthPenalty = lengthPenalty == null ? 1.0 : lengthPenalty;
        evalBatchSize = evalBatchSize == null ? 64 : evalBatchSize;
        maxLengthA = maxLengthA == null ? 1.2 : maxLengthA;
        maxLengthB = maxLengthB == null ? 10 : maxLengthB;
        evalEachEpoch = evalEachEpoch == null ? Boolean.TRUE : evalEachEpoch;
    }
}
