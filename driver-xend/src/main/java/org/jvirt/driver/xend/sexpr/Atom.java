package org.jvirt.driver.xend.sexpr;

import java.util.Objects;

/**
 * A string of an S-expression, written bare ({@code 420}) or quoted ({@code 'pvtest'}): which of
 * the two is a matter of text, not of value.
 *
 * @param value the string; never null, may be empty
 */
public record Atom(String value) implements Sexpr {

    public Atom {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return SexprPrinter.print(this);
    }
}
