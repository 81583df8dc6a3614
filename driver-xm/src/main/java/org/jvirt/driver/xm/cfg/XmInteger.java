package org.jvirt.driver.xm.cfg;

/**
 * An integer value of an xm configuration file (decimal, optionally signed, within a Java
 * {@code long}).
 *
 * @param value the integer
 * @since 1.0
 */
public record XmInteger(long value) implements XmValue {
    @Override
    public String kind() {
        return "an integer";
    }
}
