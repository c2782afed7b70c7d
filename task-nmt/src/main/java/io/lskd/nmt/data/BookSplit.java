package io.lskd.nmt.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a verse-referenced corpus by whole books (the reference's book name, before
 * "chapter:verse"), never by shuffling: held-out books share no verse with training, and the
 * rule is stable across machines. RECIPES.md nmt-quick: test = Mark, valid = Ruth and Jonah,
 * train = every other book.
 */
public record BookSplit(List<String> testBooks, List<String> validBooks) {

    public BookSplit {
        testBooks = List.copyOf(testBooks);
        validBooks = List.copyOf(validBooks);
    }

    /** The rule in words, recorded in the dataset fingerprint. */
    public String describe() {
        return "books: test=" + testBooks + " valid=" + validBooks + " train=rest";
    }

    /** The book of a reference like "I Samuel 3:4": everything before the last space. */
    static String book(String reference) {
        int space = reference.lastIndexOf(' ');
        return space < 0 ? reference : reference.substring(0, space);
    }

    public Splits apply(List<SentencePair> pairs) {
        Set<String> test = Set.copyOf(testBooks);
        Set<String> valid = Set.copyOf(validBooks);
        List<SentencePair> tr = new ArrayList<>();
        List<SentencePair> va = new ArrayList<>();
        List<SentencePair> te = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (SentencePair p : pairs) {
            String book = book(p.reference());
            seen.add(book);
            (test.contains(book) ? te : valid.contains(book) ? va : tr).add(p);
        }
        for (String b : testBooks) {
            if (!seen.contains(b)) {
                throw new IllegalArgumentException("test book '" + b + "' is not in the corpus");
            }
        }
        for (String b : validBooks) {
            if (!seen.contains(b)) {
                throw new IllegalArgumentException("validation book '" + b + "' is not in the corpus");
            }
        }
        return new Splits(tr, va, te);
    }
}
