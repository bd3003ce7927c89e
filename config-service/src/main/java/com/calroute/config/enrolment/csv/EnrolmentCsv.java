package com.calroute.config.enrolment.csv;

import com.calroute.config.rules.FieldViolation;
import com.calroute.config.rules.InvalidInputException;
import com.calroute.contracts.problem.FieldErrorCodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a bulk-enrolment CSV (RFC 4180: comma separated, optional double quotes, {@code ""} inside quotes) with the
 * header {@code email,mobileNumber,displayName} (columns in any order, displayName optional). A row that cannot be
 * read becomes a row with a problem rather than failing the whole file, so the per-row report can name it.
 */
public final class EnrolmentCsv {

    /** The column names the header must use. */
    public static final List<String> COLUMNS = List.of("email", "mobileNumber", "displayName");

    private EnrolmentCsv() {
    }

    /** One data row: its number (1 = first row after the header), the values, or why it could not be read. */
    public record Row(int number, String email, String mobileNumber, String displayName, String problem) {
    }

    /**
     * Parses the whole text.
     *
     * @throws InvalidInputException naming {@code header} when the header is missing or wrong
     */
    public static List<Row> parse(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        split(body, records, problems);
        int headerIndex = -1;
        for (int i = 0; i < records.size(); i++) {
            if (!isBlank(records.get(i))) {
                headerIndex = i;
                break;
            }
        }
        if (headerIndex < 0) {
            throw new InvalidInputException("header", FieldErrorCodes.EMPTY_CSV, "the CSV is empty; its first line must be email,mobileNumber,displayName");
        }
        int[] columnOf = header(records.get(headerIndex));
        List<Row> rows = new ArrayList<>();
        int number = 0;
        for (int i = headerIndex + 1; i < records.size(); i++) {
            List<String> fields = records.get(i);
            if (isBlank(fields) && problems.get(i) == null) {
                continue;
            }
            number++;
            if (problems.get(i) != null) {
                rows.add(new Row(number, null, null, null, problems.get(i)));
            } else if (fields.size() != columnOf.length) {
                rows.add(new Row(number, null, null, null,
                        "has " + fields.size() + " columns; the header has " + columnOf.length));
            } else {
                rows.add(new Row(number, value(fields, columnOf, 0), value(fields, columnOf, 1),
                        value(fields, columnOf, 2), null));
            }
        }
        return rows;
    }

    /** For each header position, which of {@link #COLUMNS} it holds. */
    private static int[] header(List<String> header) {
        int[] columnOf = new int[header.size()];
        boolean[] seen = new boolean[COLUMNS.size()];
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            int column = -1;
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (COLUMNS.get(c).toLowerCase(Locale.ROOT).equals(name)) {
                    column = c;
                }
            }
            if (column < 0 || seen[column]) {
                String found = header.get(i).strip();
                throw new InvalidInputException(List.of(new FieldViolation("header", FieldErrorCodes.INVALID_CSV_HEADER,
                        "must be email,mobileNumber,displayName (found '" + found + "')", Map.of("found", found))));
            }
            seen[column] = true;
            columnOf[i] = column;
        }
        if (!seen[0] || !seen[1]) {
            throw new InvalidInputException("header", FieldErrorCodes.INVALID_CSV_HEADER, "must name the columns email and mobileNumber (and optionally displayName)");
        }
        return columnOf;
    }

    private static String value(List<String> fields, int[] columnOf, int column) {
        for (int i = 0; i < columnOf.length; i++) {
            if (columnOf[i] == column) {
                String v = fields.get(i).strip();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    private static boolean isBlank(List<String> fields) {
        return fields.stream().allMatch(String::isBlank);
    }

    /** Splits text into records of fields; {@code problems} gets, per record, null or why it is unreadable. */
    private static void split(String text, List<List<String>> records, List<String> problems) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String problem = null;
        boolean quoted = false;
        boolean fieldStarted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (fieldStarted && !field.toString().isBlank()) {
                    problem = "has a quote inside an unquoted value";
                }
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                fields.add(field.toString());
                records.add(fields);
                problems.add(problem);
                fields = new ArrayList<>();
                field.setLength(0);
                problem = null;
                fieldStarted = false;
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        if (quoted) {
            problem = "has a quoted value that is never closed";
        }
        if (fieldStarted || !fields.isEmpty() || field.length() > 0 || problem != null) {
            fields.add(field.toString());
            records.add(fields);
            problems.add(problem);
        }
    }
}
