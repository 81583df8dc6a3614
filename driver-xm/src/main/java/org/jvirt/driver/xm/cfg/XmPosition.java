package org.jvirt.driver.xm.cfg;

/**
 * Where something is in an xm configuration file, for messages: {@code /etc/xen/guest:12:9}.
 *
 * @param file the file's name as the caller gave it; never null
 * @param line the line, from 1
 * @param column the column, from 1, counted in characters
 * @since 1.0
 */
public record XmPosition(String file, int line, int column) {
    /** {@code file:line:column}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
