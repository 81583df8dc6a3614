package org.jvirt.driver.xm.cfg;

import java.util.Arrays;

/**
 * The line starts of a text, to turn offsets into lines and columns. A line ends at {@code \n},
 * {@code \r\n} or a lone {@code \r}, as both Python and libvirt's reader end them. Immutable.
 */
final class Lines {
    private final int[] starts;

    Lines(String text) {
        int[] found = new int[16];
        int count = 0;
        found[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = i + 1;
            }
        }
        starts = Arrays.copyOf(found, count);
    }

    /** The line of {@code offset}, from 1. */
    int line(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The column of {@code offset}, from 1. */
    int column(int offset) {
        return offset - startOf(offset) + 1;
    }

    /** The offset of the first character of the line holding {@code offset}. */
    int startOf(int offset) {
        return starts[line(offset) - 1];
    }

    /** A problem at {@code offset}. */
    ConfProblem problem(int offset, String message) {
        return new ConfProblem(line(offset), column(offset), message);
    }
}
