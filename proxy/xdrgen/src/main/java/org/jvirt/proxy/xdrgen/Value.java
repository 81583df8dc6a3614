package org.jvirt.proxy.xdrgen;

/**
 * A constant as written in a .x file: a number literal or the name of a {@code const}, an enum
 * member or a definition given to the generator (libvirt's .x files use names from its C
 * headers, such as {@code VIR_UUID_BUFLEN}).
 *
 * @param literal the number, when written as one; null for a name
 * @param name the name, when written as one; null for a literal
 * @param position where it is written
 */
public record Value(Long literal, String name, Position position) {
    @Override
    public String toString() {
        return name != null ? name : literal.toString();
    }
}
