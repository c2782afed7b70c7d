package io.lskd.report;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's Markdown as one self-contained HTML page: the subset of Markdown the report
 * writes (headings, paragraphs, nested bullet lists, pipe tables, bold, italics, code, images,
 * details blocks, passed through as HTML) with each figure embedded as a base64 PNG, so the file can be mailed or
 * archived alone.
 */
final class Html {

    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\(figures/([^)]+)\\.png\\)");

    private Html() {
    }

    static String page(String title, String markdown, Map<String, String> pngBase64) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;"
                        + "margin:2em auto;line-height:1.45}table{border-collapse:collapse;margin:1em 0}"
                        + "td,th{border:1px solid #bbb;padding:3px 8px;text-align:left}th{background:#eee}"
                        + "img{max-width:100%}code{background:#f3f3f3}</style></head><body>\n");
        String[] lines = markdown.split("\n", -1);
        int depth = 0;
        boolean inTable = false;
        StringBuilder paragraph = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean bullet = line.matches("\\s*- .*");
            if (!bullet && depth > 0 && !line.isBlank()) {
                out.append("</li></ul>".repeat(depth)).append('\n');
                depth = 0;
            }
            if (!line.startsWith("|") && inTable) {
                out.append("</table>\n");
                inTable = false;
            }
            if (line.isBlank() || line.startsWith("#") || line.startsWith("|") || bullet || line.startsWith("<")) {
                flush(out, paragraph);
            }
            if (line.isBlank()) {
                if (depth > 0) {
                    out.append("</li></ul>".repeat(depth)).append('\n');
                    depth = 0;
                }
            } else if (line.startsWith("#")) {
                int level = line.indexOf(' ');
                out.append("<h").append(level).append('>').append(inline(line.substring(level + 1), pngBase64))
                        .append("</h").append(level).append(">\n");
            } else if (line.startsWith("|")) {
                if (line.matches("\\|[ -|]+\\|")) {
                    continue;
                }
                String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
                String tag = inTable ? "td" : "th";
                if (!inTable) {
                    out.append("<table>\n");
                    inTable = true;
                }
                out.append("<tr>");
                for (String cell : cells) {
                    out.append('<').append(tag).append('>').append(inline(cell.strip(), pngBase64)).append("</")
                            .append(tag).append('>');
                }
                out.append("</tr>\n");
            } else if (bullet) {
                int level = (line.indexOf('-') / 2) + 1;
                if (level > depth) {
                    out.append("<ul><li>".repeat(level - depth));
                } else {
                    out.append("</li></ul>".repeat(depth - level)).append("</li><li>");
                }
                depth = level;
                out.append(inline(line.substring(line.indexOf('-') + 2), pngBase64)).append('\n');
            } else if (line.startsWith("<")) {
                out.append(line).append('\n');
            } else {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(inline(line, pngBase64));
            }
        }
        flush(out, paragraph);
        if (depth > 0) {
            out.append("</li></ul>".repeat(depth));
        }
        if (inTable) {
            out.append("</table>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static void flush(StringBuilder out, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            out.append("<p>").append(paragraph).append("</p>\n");
            paragraph.setLength(0);
        }
    }

    /** Inline Markdown: images (embedded), code, bold, italics; everything else escaped. */
    private static String inline(String text, Map<String, String> pngBase64) {
        Matcher m = IMAGE.matcher(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(emphasis(escape(text.substring(at, m.start()))));
            String data = pngBase64.get(m.group(2));
            out.append("<img alt=\"").append(escape(m.group(1))).append("\" src=\"data:image/png;base64,")
                    .append(data == null ? "" : data).append("\">");
            at = m.end();
        }
        return out.append(emphasis(escape(text.substring(at)))).toString();
    }

    private static String emphasis(String escaped) {
        return escaped.replaceAll("`([^`]+)`", "<code>$1</code>")
                .replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>")
                .replaceAll("\\*([^*]+)\\*", "<i>$1</i>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
