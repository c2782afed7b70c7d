package io.lskd.nmt.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a corpus without references by a fixed hash of each pair's source text, so the
 * split does not depend on file order and repeats exactly: SHA-256(source) mod 100 below 3 is
 * test, below 6 validation, the rest training.
 */
public final class HashSplit {

    public static final String RULE = "sha256(source) mod 100: <3 test, <6 valid, rest train";

    private HashSplit() {}

    public static Splits apply(List<SentencePair> pairs) {
        List<SentencePair> train = new ArrayList<>();
        List<SentencePair> valid = new ArrayList<>();
        List<SentencePair> test = new ArrayList<>();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SentencePair p : pairs) {
                byte[] h = sha.digest(p.source().getBytes(StandardCharsets.UTF_8));
                int bucket = Math.floorMod(((h[0] & 0xff) << 8) | (h[1] & 0xff), 100);
                (bucket < 3 ? test : bucket < 6 ? valid : train).add(p);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Splits(train, valid, test);
    }
}
