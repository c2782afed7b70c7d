package io.lskd.report;

import java.util.List;
import java.util.Locale;

/** Markdown tables with padded columns (readable as plain text too). */
final class Markdown {

    private Markdown() {
    }

    static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        out.append('|');
        for (int w : widths) {
            out.append(' ').append("-".repeat(w)).append(" |");
        }
        out.append('\n');
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int c = 0; c < cells.size(); c++) {
            out.append(' ').append(String.format(Locale.ROOT, "%-" + widths[c] + "s", cells.get(c))).append(" |");
        }
        out.append('\n');
    }
}
