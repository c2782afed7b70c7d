package io.lskd.metrics;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a comma-separated file of numbers one record at a time, keeping the line number for
 * messages.
 *
 * <p>Rules: fields are separated by commas and trimmed of surrounding whitespace; blank lines
 * are skipped; a UTF-8 byte-order mark is ignored; the first non-blank line is a header, and
 * skipped, when one of its fields does not parse as a number (so a header of numbers is read
 * as data and caught by the caller's checks). Nothing is buffered beyond the current line.
 */
final class NumericCsv implements Closeable {

    private final Path file;
    private final BufferedReader reader;
    private long lineNumber;
    private boolean atStart = true;

    NumericCsv(Path file) throws IOException {
        this.file = file;
        this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** The fields of the next data line, or null at the end of the file. */
    String[] next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fields[i].trim();
            }
            boolean header = atStart && !allNumbers(fields);
            atStart = false;
            if (!header) {
                return fields;
            }
        }
        return null;
    }

    /** The line number of the record last returned by {@link #next} (or of the last line). */
    long lineNumber() {
        return lineNumber;
    }

    /** The file read. */
    Path file() {
        return file;
    }

    /** An exception for {@code problem} on the current line. */
    InputFormatException error(String problem) {
        return new InputFormatException(file, lineNumber, problem);
    }

    /** Field {@code column} (0-based) as a double, or an error naming the column and the text. */
    double number(String[] fields, int column) throws InputFormatException {
        try {
            return Double.parseDouble(fields[column]);
        } catch (NumberFormatException e) {
            throw error("column " + (column + 1) + ": \"" + fields[column] + "\" is not a number");
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static boolean allNumbers(String[] fields) {
        for (String field : fields) {
            try {
                Double.parseDouble(field);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }
}
