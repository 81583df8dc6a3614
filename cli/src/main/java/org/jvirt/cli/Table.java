package org.jvirt.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * virsh's {@code vshTable}: left-aligned columns, each preceded by three blanks (one before the
 * first), the last one not padded, a header and a line of dashes, both dropped (and left out of the
 * column widths) in quiet mode.
 */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row with one cell per column. */
    void add(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.asList(cells));
    }

    /** Prints the table, with its header unless {@code output} is quiet. */
    void print(Output output) {
        boolean withHeader = !output.quiet();
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        if (withHeader) {
            all.add(header);
        }
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        StringBuilder text = new StringBuilder();
        if (withHeader) {
            appendRow(text, header, widths);
            int dashes = 0;
            for (int w : widths) {
                dashes += w + 3;
            }
            text.append("-".repeat(dashes)).append('\n');
        }
        for (List<String> row : rows) {
            appendRow(text, row, widths);
        }
        output.print(text.toString());
    }

    private static void appendRow(StringBuilder text, List<String> row, int[] widths) {
        for (int i = 0; i < row.size(); i++) {
            text.append(i == 0 ? " " : "   ");
            String cell = row.get(i);
            text.append(cell);
            if (i < row.size() - 1) {
                text.append(" ".repeat(widths[i] - width(cell)));
            }
        }
        text.append('\n');
    }

    /** Characters on screen; good enough for the names libvirt allows. */
    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
