package org.jvirt.driver.xend.sexpr;

import java.util.Arrays;
import java.util.List;

/**
 * One S-expression of xend's configuration language: an {@link Atom} (a string) or a
 * {@link SexprList} (a list of S-expressions, possibly empty).
 *
 * <p>Every implementation is an immutable record, safe to share between threads and equal by
 * value: two trees are equal when they have the same shape and the same atom values, however
 * their text was quoted. {@link #toString()} is the text {@link SexprPrinter} writes.
 */
public sealed interface Sexpr permits Atom, SexprList {

    /** An atom of this value (any string, empty included). */
    static Atom atom(String value) {
        return new Atom(value);
    }

    /** A list of these items, in order. */
    static SexprList list(Sexpr... items) {
        return new SexprList(Arrays.asList(items));
    }

    /** A list of these items, in order. */
    static SexprList list(List<? extends Sexpr> items) {
        return new SexprList(List.copyOf(items));
    }

    /** A named list of atoms, such as {@code (memory 420)} or {@code (bootloader)}. */
    static SexprList entry(String name, String... values) {
        Sexpr[] items = new Sexpr[values.length + 1];
        items[0] = new Atom(name);
        for (int i = 0; i < values.length; i++) {
            items[i + 1] = new Atom(values[i]);
        }
        return new SexprList(Arrays.asList(items));
    }

    /** A named list of S-expressions, such as {@code (device (vbd ...))}. */
    static SexprList node(String name, Sexpr... children) {
        Sexpr[] items = new Sexpr[children.length + 1];
        items[0] = new Atom(name);
        System.arraycopy(children, 0, items, 1, children.length);
        return new SexprList(Arrays.asList(items));
    }
}
