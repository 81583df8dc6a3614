package org.jvirt.driver.hypercall.privcmd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a C structure of Xen's interface keeps the fields the driver reads or writes: its size and, for each
 * field, the byte offset and width, written out by hand rather than computed by an alignment algorithm, so
 * that each number can be checked against what a C compiler makes of the header (the layout tests do). Field
 * names are C's member designators ({@code cpumap.bitmap} for a nested member). Immutable.
 *
 * @since 1.0
 */
public final class StructLayout {

    /**
     * One field.
     *
     * @param name the C member designator, e.g. {@code tot_pages} or {@code cpumap_hard.nr_bits}
     * @param offset its offset from the start of the structure, in bytes
     * @param width its size in bytes: 1, 2, 4 or 8 for numbers and handles, more for arrays
     */
    public record Field(String name, int offset, int width) {
        public Field {
            Objects.requireNonNull(name, "name");
            if (offset < 0 || width < 1) {
                throw new IllegalArgumentException(name + ": offset " + offset + ", width " + width);
            }
        }
    }

    private final String cName;
    private final int size;
    private final Map<String, Field> fields;

    private StructLayout(String cName, int size, Map<String, Field> fields) {
        this.cName = cName;
        this.size = size;
        this.fields = Collections.unmodifiableMap(fields);
    }

    /**
     * Starts a layout.
     *
     * @param cName the C type it describes, as the layout tests print it, e.g. {@code xen_domctl_getdomaininfo}
     * @param size {@code sizeof} of that type, in bytes
     */
    public static Builder of(String cName, int size) {
        return new Builder(cName, size);
    }

    /** The C type described. */
    public String cName() {
        return cName;
    }

    /** {@code sizeof} the C type, in bytes. */
    public int size() {
        return size;
    }

    /** The fields, in the order they were declared. */
    public Map<String, Field> fields() {
        return fields;
    }

    /**
     * The field called {@code name}.
     *
     * @throws IllegalArgumentException when the layout does not describe it (a programming error)
     */
    public Field field(String name) {
        Field f = fields.get(name);
        if (f == null) {
            throw new IllegalArgumentException(cName + " has no field " + name);
        }
        return f;
    }

    /** Whether the layout describes {@code name}. */
    public boolean has(String name) {
        return fields.containsKey(name);
    }

    @Override
    public String toString() {
        return cName + " (" + size + " bytes, " + fields.size() + " fields)";
    }

    /** Collects the fields of a layout; checks that each lies inside the structure. Not thread-safe. */
    public static final class Builder {
        private final String cName;
        private final int size;
        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder(String cName, int size) {
            this.cName = Objects.requireNonNull(cName, "cName");
            if (size < 1) {
                throw new IllegalArgumentException(cName + ": size " + size);
            }
            this.size = size;
        }

        /** Adds a field of {@code width} bytes at {@code offset}. */
        public Builder field(String name, int offset, int width) {
            Field f = new Field(name, offset, width);
            if (offset + width > size) {
                throw new IllegalArgumentException(cName + "." + name + " ends at " + (offset + width)
                        + ", past the structure's " + size + " bytes");
            }
            if (fields.putIfAbsent(name, f) != null) {
                throw new IllegalArgumentException(cName + "." + name + " declared twice");
            }
            return this;
        }

        public StructLayout build() {
            return new StructLayout(cName, size, new LinkedHashMap<>(fields));
        }
    }
}
