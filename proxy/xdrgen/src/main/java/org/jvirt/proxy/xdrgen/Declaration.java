package org.jvirt.proxy.xdrgen;

/**
 * A declaration: a struct member, a union arm, a union's discriminant or a typedef's body.
 *
 * @param name the declared name; null for {@code void}
 * @param type the element type
 * @param shape scalar, fixed or variable-length array, or optional
 * @param bound the length of a fixed array, or the maximum of a variable one; null when the
 *     variable one has no maximum ({@code <>}) and for the other shapes
 * @param position where the declaration starts
 */
public record Declaration(String name, TypeSpec type, Shape shape, Value bound, Position position) {
    /** How the element type is used. */
    public enum Shape {
        /** {@code T x} */
        SCALAR,
        /** {@code T x[n]}, {@code opaque x[n]} */
        FIXED_ARRAY,
        /** {@code T x<n>}, {@code T x<>}, {@code string x<n>}, {@code opaque x<n>} */
        VAR_ARRAY,
        /** {@code T *x} */
        OPTIONAL,
        /** {@code void} */
        VOID
    }

    @Override
    public String toString() {
        return switch (shape) {
            case VOID -> "void";
            case SCALAR -> type + " " + name;
            case FIXED_ARRAY -> type + " " + name + "[" + bound + "]";
            case VAR_ARRAY -> type + " " + name + "<" + (bound == null ? "" : bound) + ">";
            case OPTIONAL -> type + " *" + name;
        };
    }
}
