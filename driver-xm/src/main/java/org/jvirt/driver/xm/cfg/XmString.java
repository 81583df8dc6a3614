package org.jvirt.driver.xm.cfg;

import java.util.Objects;

/**
 * A string value of an xm configuration file, as Python reads the literal: quotes removed,
 * escapes such as {@code \"} or {@code \n} replaced by what they stand for.
 *
 * @param value the string; never null
 * @since 1.0
 */
public record XmString(String value) implements XmValue {
    public XmString {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String kind() {
        return "a string";
    }
}
