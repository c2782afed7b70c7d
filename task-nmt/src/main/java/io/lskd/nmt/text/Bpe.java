package io.lskd.nmt.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.files.AtomicFiles;
import io.lskd.nmt.model.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A byte-pair-encoding subword tokenizer (Sennrich, Haddow and Birch 2016, "Neural machine
 * translation of rare words with subword units") over {@link PreTokenizer} segments, with one
 * vocabulary for both languages. Ids 0-3 are {@link Vocabulary#RESERVED}, then the characters
 * seen in training (in code-point order), then one symbol per merge, in merge order.
 * Encoding applies the merges by rank within each segment, as training learnt them; a
 * character never seen in training becomes {@code <unk>}. Built by {@link BpeTrainer}, saved
 * as JSON beside the model.
 */
public final class Bpe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> symbols;
    private final List<String[]> merges;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Long, Integer> mergeRank = new HashMap<>();
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param symbols every symbol by id, starting with the reserved ones
     * @param merges each merge's left and right symbol, in the order learnt
     */
    public Bpe(List<String> symbols, List<String[]> merges) {
        this.symbols = List.copyOf(symbols);
        this.merges = List.copyOf(merges);
        for (int i = 0; i < Vocabulary.RESERVED.length; i++) {
            if (!Vocabulary.RESERVED[i].equals(symbols.get(i))) {
                throw new IllegalArgumentException("symbol " + i + " must be " + Vocabulary.RESERVED[i] + ", got "
                        + symbols.get(i));
            }
        }
        for (int i = 0; i < symbols.size(); i++) {
            if (ids.put(symbols.get(i), i) != null) {
                throw new IllegalArgumentException("symbol '" + symbols.get(i) + "' appears twice");
            }
        }
        for (int r = 0; r < merges.size(); r++) {
            String[] m = merges.get(r);
            Integer a = ids.get(m[0]);
            Integer b = ids.get(m[1]);
            if (a == null || b == null || !ids.containsKey(m[0] + m[1])) {
                throw new IllegalArgumentException("merge " + r + " (" + m[0] + " + " + m[1] + ") uses unknown symbols");
            }
            mergeRank.put(key(a, b), r);
        }
    }

    public int vocabSize() {
        return symbols.size();
    }

    public String symbol(int id) {
        return symbols.get(id);
    }

    /** Subword ids of a sentence (no EOS). */
    public int[] encode(String text) {
        List<String> segments = PreTokenizer.segments(text);
        int[][] parts = new int[segments.size()][];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = cache.computeIfAbsent(segments.get(i), this::encodeSegment);
            n += parts[i].length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The text of subword ids: reserved symbols dropped, word markers back to spaces. */
    public String decode(int[] tokens) {
        List<String> pieces = new ArrayList<>(tokens.length);
        for (int t : tokens) {
            if (t >= Vocabulary.RESERVED.length) {
                pieces.add(symbols.get(t));
            }
        }
        return PreTokenizer.detokenize(pieces);
    }

    private int[] encodeSegment(String segment) {
        int[] s = segment.codePoints().map(cp -> ids.getOrDefault(new String(Character.toChars(cp)), Vocabulary.UNK))
                .toArray();
        int len = s.length;
        while (len > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < len; i++) {
                Integer r = mergeRank.get(key(s[i], s[i + 1]));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            String[] m = merges.get(bestRank);
            s[best] = ids.get(m[0] + m[1]);
            System.arraycopy(s, best + 2, s, best + 1, len - best - 2);
            len--;
        }
        return Arrays.copyOf(s, len);
    }

    static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    /** SHA-256 of the saved form. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(toJson().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson() {
        try {
            return JSON.writeValueAsString(Map.of("format", "lskd-bpe-1", "symbols", symbols, "merges", merges));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the vocabulary and merges atomically (synced, renamed, the folder synced).
     *
     * @throws IOException naming the file when it cannot be written
     */
    public void save(Path file) throws IOException {
        try {
            AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8));
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }

    /**
     * Reads a tokenizer written by {@link #save}.
     *
     * @throws IOException naming the file when it is missing, not JSON or not a BPE file
     */
    public static Bpe load(Path file) throws IOException {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (node == null || !"lskd-bpe-1".equals(node.path("format").asText())
                || !node.path("symbols").isArray() || !node.path("merges").isArray()) {
            throw new IOException(file + ": not an lskd BPE file (format lskd-bpe-1 with symbols and merges)");
        }
        List<String> symbols = new ArrayList<>();
        node.get("symbols").forEach(s -> symbols.add(s.asText()));
        List<String[]> merges = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode m : node.get("merges")) {
            if (!m.isArray() || m.size() != 2) {
                throw new IOException(file + ": merge " + m + " is not a pair of symbols");
            }
            merges.add(new String[] {m.get(0).asText(), m.get(1).asText()});
        }
        try {
            return new Bpe(symbols, merges);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
