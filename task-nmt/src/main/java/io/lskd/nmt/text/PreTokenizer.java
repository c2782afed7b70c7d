package io.lskd.nmt.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into the segments that subword merges never cross, in the manner of SentencePiece:
 * whitespace becomes the marker {@link #WORD_START} at the start of the next word, runs of
 * letters, digits and combining marks stay together, and every other character (punctuation,
 * symbols) is a segment of its own. Concatenating the segments and turning each marker back
 * into a space gives the text back with its whitespace normalised to single spaces, so
 * detokenisation is exact.
 */
public final class PreTokenizer {

    /** U+2581, SentencePiece's word-start marker. */
    public static final char WORD_START = '\u2581';

    private PreTokenizer() {}

    /** The segments of a text, the first of each word carrying the word-start marker. */
    public static List<String> segments(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i >= n) {
                break;
            }
            boolean first = true;
            while (i < n && !Character.isWhitespace(text.codePointAt(i))) {
                int start = i;
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (isWordChar(cp)) {
                    while (i < n && isWordChar(text.codePointAt(i))) {
                        i += Character.charCount(text.codePointAt(i));
                    }
                }
                String segment = text.substring(start, i);
                out.add(first ? WORD_START + segment : segment);
                first = false;
            }
        }
        return out;
    }

    /** Joins subword pieces back into text: markers become spaces, the leading one dropped. */
    public static String detokenize(List<String> pieces) {
        StringBuilder b = new StringBuilder();
        for (String p : pieces) {
            b.append(p);
        }
        return b.toString().replace(WORD_START, ' ').strip();
    }

    private static boolean isWordChar(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
