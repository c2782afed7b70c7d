package org.example.lskd.tabular;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The rows of a CSV table that have a value in every column the task reads: features as
 * doubles, classes as indices into the sorted class names. Plain comma-separated values with
 * a header row; "NA" or an empty field is a missing value.
 */
record Table(List<String> classNames, double[][] features, int[] labels, int skipped) {

    static Table read(BufferedReader in, String source, String labelColumn, List<String> featureColumns)
            throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw new IOException(source + ": empty file, expected a header row");
        }
        List<String> columns = Arrays.asList(header.split(",", -1));
        int labelAt = column(columns, labelColumn, source);
        int[] featureAt = new int[featureColumns.size()];
        for (int f = 0; f < featureAt.length; f++) {
            featureAt[f] = column(columns, featureColumns.get(f), source);
        }
        List<double[]> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        int skipped = 0;
        int lineNumber = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (line.indexOf('"') >= 0) {
                throw new IOException(source + " line " + lineNumber + ": quoted fields are not supported");
            }
            String[] fields = line.split(",", -1);
            if (fields.length != columns.size()) {
                throw new IOException(source + " line " + lineNumber + ": " + fields.length + " fields, the header has "
                        + columns.size());
            }
            if (missing(fields[labelAt]) || Arrays.stream(featureAt).anyMatch(f -> missing(fields[f]))) {
                skipped++;
                continue;
            }
            double[] x = new double[featureAt.length];
            for (int f = 0; f < x.length; f++) {
                try {
                    x[f] = Double.parseDouble(fields[featureAt[f]]);
                } catch (NumberFormatException e) {
                    throw new IOException(source + " line " + lineNumber + ": column '" + featureColumns.get(f)
                            + "' is not a number: '" + fields[featureAt[f]] + "'");
                }
            }
            rows.add(x);
            classes.add(fields[labelAt]);
        }
        List<String> names = List.copyOf(new TreeSet<>(classes));
        if (names.size() < 2) {
            throw new IOException(source + ": column '" + labelColumn + "' has " + names.size()
                    + " class(es) in its complete rows; classification needs at least 2");
        }
        int[] labels = classes.stream().mapToInt(names::indexOf).toArray();
        return new Table(names, rows.toArray(new double[0][]), labels, skipped);
    }

    private static int column(List<String> columns, String name, String source) throws IOException {
        int at = columns.indexOf(name);
        if (at < 0) {
            throw new IOException(source + ": no column '" + name + "'; the columns are " + columns);
        }
        return at;
    }

    private static boolean missing(String field) {
        return field.isEmpty() || field.equals("NA");
    }

    int size() {
        return labels.length;
    }
}
