package org.jvirt.proxy.xdrgen;

import java.util.List;

/**
 * A parsed .x file.
 *
 * @param file the file name used in positions
 * @param definitions its definitions in order
 * @param passThrough its {@code %} lines (C code for rpcgen; unused here)
 */
public record Spec(String file, List<Definition> definitions, List<String> passThrough) {
}
