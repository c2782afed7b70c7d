package io.lskd.nmt.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * The Unicode classes {@code \p{P}} (punctuation), {@code \p{S}} (symbols) and {@code \p{N}}
 * (numbers) as the Python {@code regex} module defines them, which sacreBLEU's {@code intl}
 * tokenizer uses. The JDK's own {@code \p{P}} lags behind (Java 17 knows Unicode 13 and misses
 * about a thousand newer symbols, emoji among them), so the ranges are read from
 * {@code unicode-classes.txt}, written by {@code unicode_classes.py} in the test resources.
 */
final class UnicodeClasses {

    static final BitSet PUNCTUATION = new BitSet(Character.MAX_CODE_POINT + 1);
    static final BitSet SYMBOL = new BitSet(Character.MAX_CODE_POINT + 1);
    static final BitSet NUMBER = new BitSet(Character.MAX_CODE_POINT + 1);

    static {
        String name = "unicode-classes.txt";
        try (InputStream in = UnicodeClasses.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing beside " + UnicodeClasses.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(" ");
                BitSet target = switch (fields[0]) {
                    case "P" -> PUNCTUATION;
                    case "S" -> SYMBOL;
                    case "N" -> NUMBER;
                    default -> throw new IllegalStateException(name + ": unknown class '" + fields[0] + "'");
                };
                for (int i = 1; i < fields.length; i++) {
                    int dash = fields[i].indexOf('-');
                    target.set(Integer.parseInt(fields[i], 0, dash, 16),
                            Integer.parseInt(fields[i], dash + 1, fields[i].length(), 16) + 1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private UnicodeClasses() {
    }
}
