package org.jvirt.proxy.xdrgen;

/** A place in a .x file, for error messages: {@code file:line:column}, both counted from 1. */
public record Position(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
