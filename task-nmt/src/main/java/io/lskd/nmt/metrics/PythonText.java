package io.lskd.nmt.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python {@code str} operations sacreBLEU's results depend on, reproduced exactly:
 * {@code split()}, {@code rstrip()} and the {@code f"{x:.Nf}"} number format. Java's own
 * whitespace ({@link Character#isWhitespace}) and {@link String#format} differ from Python's
 * in details (no-break spaces count as whitespace in Python; Python rounds the exact binary
 * value half to even), and any such difference would change token counts or printed scores.
 */
final class PythonText {

    private PythonText() {
    }

    /**
     * Python's {@code str.isspace()} for one code point: the characters with bidirectional type
     * WS, B or S or general category Zs. The set is fixed (printed by
     * {@code [hex(c) for c in range(0x110000) if chr(c).isspace()]} in Python 3.11).
     */
    static boolean isSpace(int c) {
        if (c <= 0x20) {
            return c == 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
        }
        if (c < 0x85) {
            return false;
        }
        return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a)
                || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
    }

    /** Python's {@code s.split()}: the maximal runs of non-whitespace, in order. */
    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int c = s.codePointAt(i);
            if (isSpace(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            while (i < n) {
                c = s.codePointAt(i);
                if (isSpace(c)) {
                    break;
                }
                i += Character.charCount(c);
            }
            words.add(s.substring(start, i));
        }
        return words;
    }

    /** Python's {@code ''.join(s.split())}: {@code s} without any whitespace. */
    static String removeSpaces(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (!isSpace(c)) {
                b.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return b.toString();
    }

    /**
     * Python's {@code s.lower()}. The JDK applies the same Unicode mappings, final sigma
     * included; it differs only on the 40 letters Python 3.11 knows from Unicode 14 and Java 17
     * does not (Vithkuqi and a few Latin and Glagolitic letters), which it leaves unchanged.
     */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Python's {@code s.rstrip()}: {@code s} without trailing whitespace. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0) {
            int c = s.codePointBefore(end);
            if (!isSpace(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return s.substring(0, end);
    }

    /**
     * Python's {@code f"{x:.{decimals}f}"}: the exact binary value of {@code x} rounded half to
     * even (Java's {@code %.2f} rounds its shortest decimal form half up, so 0.125 would print
     * 0.13 where Python prints 0.12).
     */
    static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative value that rounds to zero ("-0.00")
        return (x < 0 || (x == 0 && 1 / x < 0)) && !s.startsWith("-") ? "-" + s : s;
    }
}
