package io.lskd.nmt.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Each applies sacreBLEU's regular expression substitutions, in its order, as code point scans
 * ({@link CodePointRewrites}); {@code intl} uses the Unicode classes of the Python {@code regex}
 * module that sacreBLEU uses ({@link UnicodeClasses}), not the JDK's older ones.
 */
public enum BleuTokenizer {

    THIRTEEN_A("13a") {
        /**
         * {@code tokenizer_re.py}'s passes: {@code ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> " \1 "},
         * {@code ([^0-9])([\.,]) -> "\1 \2 "}, {@code ([\.,])([^0-9]) -> " \1 \2"},
         * {@code ([0-9])(-) -> "\1 \2 "}.
         */
        @Override
        public List<String> tokens(String line) {
            String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
            if (s.indexOf('&') >= 0) {
                s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
            }
            int[] cps = (" " + s + " ").codePoints().toArray();
            cps = CodePointRewrites.isolate(cps, BleuTokenizer::isAsciiPunctuationOrSymbol);
            cps = CodePointRewrites.separatePairs(cps, c -> !isDigit(c), BleuTokenizer::isPeriodOrComma, false);
            cps = CodePointRewrites.separatePairs(cps, BleuTokenizer::isPeriodOrComma, c -> !isDigit(c), true);
            cps = CodePointRewrites.separatePairs(cps, BleuTokenizer::isDigit, c -> c == '-', false);
            return CodePointRewrites.split(cps);
        }
    },

    INTL("intl") {
        /**
         * {@code tokenizer_intl.py}'s passes: {@code (\P{N})(\p{P}) -> "\1 \2 "},
         * {@code (\p{P})(\P{N}) -> " \1 \2"}, {@code (\p{S}) -> " \1 "}, with the {@code regex}
         * module's Unicode classes.
         */
        @Override
        public List<String> tokens(String line) {
            int[] cps = line.codePoints().toArray();
            cps = CodePointRewrites.separatePairs(cps, c -> !UnicodeClasses.NUMBER.get(c),
                    UnicodeClasses.PUNCTUATION::get, false);
            cps = CodePointRewrites.separatePairs(cps, UnicodeClasses.PUNCTUATION::get,
                    c -> !UnicodeClasses.NUMBER.get(c), true);
            cps = CodePointRewrites.isolate(cps, UnicodeClasses.SYMBOL::get);
            return CodePointRewrites.split(cps);
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

    /** {@code [\{-\~\[-\` -\&\(-\+\:-\@\/]}: ASCII space, punctuation and symbols except ' , - . and digits. */
    private static boolean isAsciiPunctuationOrSymbol(int c) {
        return (c >= 0x7b && c <= 0x7e) || (c >= 0x5b && c <= 0x60) || (c >= 0x20 && c <= 0x26)
                || (c >= 0x28 && c <= 0x2b) || (c >= 0x3a && c <= 0x40) || c == '/';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isPeriodOrComma(int c) {
        return c == '.' || c == ',';
    }
}
