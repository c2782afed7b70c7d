package io.lskd.nmt.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * sacreBLEU 2.x's tokenizers for BLEU, each giving the tokens sacreBLEU counts n-grams over
 * (its tokenizer output split on Python whitespace).
 *
 * <ul>
 *   <li>{@code 13a}: mteval-v13a.pl as in {@code sacrebleu/tokenizers/tokenizer_13a.py} and
 *       {@code tokenizer_re.py}: drop {@code <skipped>}, join lines, unescape four HTML entities,
 *       pad with spaces, split off ASCII punctuation and symbols, periods and commas unless
 *       next to a digit, and a dash after a digit;</li>
 *   <li>{@code intl}: mteval-v14.pl's international tokenizer ({@code tokenizer_intl.py}): split
 *       off Unicode punctuation ({@code \p{P}}) next to a non-number and every Unicode symbol
 *       ({@code \p{S}});</li>
 *   <li>{@code char}: every non-whitespace code point is a token;</li>
 *   <li>{@code none}: whitespace-separated words as given.</li>
 * </ul>
 * The 13a regular expressions are sacreBLEU's, unchanged (they are ASCII-only). {@code intl}
 * applies sacreBLEU's three substitutions with the Unicode classes of the Python {@code regex}
 * module that sacreBLEU uses ({@link UnicodeClasses}), not the JDK's older ones.
 */
public enum BleuTokenizer {

    THIRTEEN_A("13a") {
        private final Rewrite[] rules = {
            new Rewrite("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])", " $1 "),
            new Rewrite("([^0-9])([\\.,])", "$1 $2 "),
            new Rewrite("([\\.,])([^0-9])", " $1 $2"),
            new Rewrite("([0-9])(-)", "$1 $2 "),
        };

        @Override
        public List<String> tokens(String line) {
            String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
            if (s.indexOf('&') >= 0) {
                s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
            }
            return PythonText.split(Rewrite.all(rules, " " + s + " "));
        }
    },

    INTL("intl") {
        /**
         * The three {@code regex.sub} passes of {@code tokenizer_intl.py}:
         * {@code (\P{N})(\p{P}) -> "\1 \2 "}, {@code (\p{P})(\P{N}) -> " \1 \2"},
         * {@code (\p{S}) -> " \1 "}, as left-to-right scans over code points (each pattern
         * has a fixed length, so a match consumes exactly its code points, as in {@code re.sub}).
         */
        @Override
        public List<String> tokens(String line) {
            int[] cps = line.codePoints().toArray();
            cps = splitPairs(cps, false);
            cps = splitPairs(cps, true);
            StringBuilder b = new StringBuilder(cps.length * 2);
            for (int c : cps) {
                if (UnicodeClasses.SYMBOL.get(c)) {
                    b.append(' ').appendCodePoint(c).append(' ');
                } else {
                    b.appendCodePoint(c);
                }
            }
            return PythonText.split(b.toString());
        }

        /** Without {@code punctuationFirst}: a non-number then punctuation; with it: punctuation then a non-number. */
        private int[] splitPairs(int[] cps, boolean punctuationFirst) {
            int[] out = new int[cps.length * 2];
            int o = 0;
            int i = 0;
            while (i < cps.length) {
                if (i + 1 < cps.length) {
                    int a = cps[i];
                    int b = cps[i + 1];
                    boolean match = punctuationFirst
                            ? UnicodeClasses.PUNCTUATION.get(a) && !UnicodeClasses.NUMBER.get(b)
                            : !UnicodeClasses.NUMBER.get(a) && UnicodeClasses.PUNCTUATION.get(b);
                    if (match) {
                        if (punctuationFirst) {
                            out[o++] = ' ';
                        }
                        out[o++] = a;
                        out[o++] = ' ';
                        out[o++] = b;
                        if (!punctuationFirst) {
                            out[o++] = ' ';
                        }
                        i += 2;
                        continue;
                    }
                }
                out[o++] = cps[i++];
            }
            return java.util.Arrays.copyOf(out, o);
        }
    },

    CHAR("char") {
        @Override
        public List<String> tokens(String line) {
            List<String> tokens = new ArrayList<>(line.length());
            for (int i = 0; i < line.length(); ) {
                int c = line.codePointAt(i);
                int next = i + Character.charCount(c);
                if (!PythonText.isSpace(c)) {
                    tokens.add(line.substring(i, next));
                }
                i = next;
            }
            return tokens;
        }
    },

    NONE("none") {
        @Override
        public List<String> tokens(String line) {
            return PythonText.split(line);
        }
    };

    private final String signatureName;

    BleuTokenizer(String signatureName) {
        this.signatureName = signatureName;
    }

    /** The tokens of one (already lowercased, right-stripped) segment. */
    public abstract List<String> tokens(String line);

    /** The name sacreBLEU uses on its command line and in the signature ({@code tok:13a}). */
    public String signatureName() {
        return signatureName;
    }

    /** The tokenizer sacreBLEU calls {@code name}. */
    public static BleuTokenizer named(String name) {
        for (BleuTokenizer t : values()) {
            if (t.signatureName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown BLEU tokenizer '" + name + "'; expected one of "
                + Arrays.stream(values()).map(BleuTokenizer::signatureName).collect(Collectors.joining(", ")));
    }

    /** One {@code re.sub(pattern, replacement, line)} step. */
    private record Rewrite(Pattern pattern, String replacement) {
        Rewrite(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        static String all(Rewrite[] rules, String line) {
            String s = line;
            for (Rewrite r : rules) {
                s = r.pattern.matcher(s).replaceAll(r.replacement);
            }
            return s;
        }
    }
}
