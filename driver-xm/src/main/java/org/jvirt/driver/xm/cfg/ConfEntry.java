package org.jvirt.driver.xm.cfg;

import java.util.List;

/**
 * One assignment of a configuration file, with where its parts are in the text so that it can be
 * replaced or removed leaving every other byte as it was.
 *
 * @param key the setting's name
 * @param value what it is set to
 * @param valueStart the offset of the value's first character
 * @param valueEnd the offset just after the value's last character
 * @param itemStarts for a list value, the offset of each item; empty otherwise
 * @param removeStart where the text to delete to remove the assignment starts: the start of its line
 *                    when the assignment is alone on it, else its own start (or the end of the
 *                    previous assignment's value, for the last of several on one line)
 * @param removeEnd where that text ends: after the line's end of line when the assignment is
 *                  alone on it, else after its separator
 */
record ConfEntry(String key, XmValue value, int valueStart, int valueEnd, List<Integer> itemStarts,
                 int removeStart, int removeEnd) {
    ConfEntry {
        itemStarts = List.copyOf(itemStarts);
    }
}
