package org.jvirt.driver.hypercall.privcmd;

import com.sun.jna.Pointer;
import java.util.Objects;

/**
 * One structure in native memory, read and written through its {@link StructLayout}: numbers are
 * little-endian (x86_64), unsigned values come back in a {@code long}. Writing checks that the value fits
 * the field, so a domain id or a count that C would silently truncate fails instead. Not thread-safe: a view
 * belongs to the call that made its buffer.
 *
 * @since 1.0
 */
public final class StructView {
    private final Pointer base;
    private final long offset;
    private final StructLayout layout;

    /**
     * A view of the structure at {@code base + offset}.
     *
     * @param base the start of native memory holding at least {@code offset + layout.size()} bytes
     */
    public StructView(Pointer base, long offset, StructLayout layout) {
        this.base = Objects.requireNonNull(base, "base");
        this.offset = offset;
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** A view of the structure at the start of {@code buffer}. */
    public static StructView of(HypercallBuffer buffer, StructLayout layout) {
        if (buffer.size() < layout.size()) {
            throw new IllegalArgumentException(layout.cName() + " needs " + layout.size() + " bytes, the buffer has "
                    + buffer.size());
        }
        return new StructView(buffer.pointer(), 0, layout);
    }

    /** The layout read through this view. */
    public StructLayout layout() {
        return layout;
    }

    /** The address of the structure. */
    public long address() {
        return Pointer.nativeValue(base) + offset;
    }

    /**
     * A view of the structure of {@code member} kept in this one's field {@code field} (a union member, or
     * a nested structure).
     */
    public StructView member(String field, StructLayout member) {
        StructLayout.Field f = layout.field(field);
        if (member.size() > f.width()) {
            throw new IllegalArgumentException(member.cName() + " (" + member.size() + " bytes) does not fit "
                    + layout.cName() + "." + field + " (" + f.width() + " bytes)");
        }
        return new StructView(base, offset + f.offset(), member);
    }

    /** The unsigned value of a field of 1, 2, 4 or 8 bytes (the last as Java's signed long). */
    public long get(String field) {
        StructLayout.Field f = layout.field(field);
        long at = offset + f.offset();
        return switch (f.width()) {
            case 1 -> Byte.toUnsignedLong(base.getByte(at));
            case 2 -> Short.toUnsignedLong(base.getShort(at));
            case 4 -> Integer.toUnsignedLong(base.getInt(at));
            case 8 -> base.getLong(at);
            default -> throw new IllegalArgumentException(layout.cName() + "." + field + " is " + f.width()
                    + " bytes wide, not a number");
        };
    }

    /**
     * Writes {@code value} into a field of 1, 2, 4 or 8 bytes.
     *
     * @throws IllegalArgumentException when the value does not fit the field unsigned (or, for 4 bytes, as
     *     a signed int either: Xen's {@code int32_t} fields take -1)
     */
    public StructView put(String field, long value) {
        StructLayout.Field f = layout.field(field);
        long at = offset + f.offset();
        switch (f.width()) {
            case 1 -> base.setByte(at, (byte) checked(f, value, 0xffL));
            case 2 -> base.setShort(at, (short) checked(f, value, 0xffffL));
            case 4 -> base.setInt(at, (int) (value < 0 && value >= Integer.MIN_VALUE ? value
                    : checked(f, value, 0xffff_ffffL)));
            case 8 -> base.setLong(at, value);
            default -> throw new IllegalArgumentException(layout.cName() + "." + field + " is " + f.width()
                    + " bytes wide, not a number");
        }
        return this;
    }

    /** The bytes of a field (an array such as a domain handle). */
    public byte[] bytes(String field) {
        StructLayout.Field f = layout.field(field);
        return base.getByteArray(offset + f.offset(), f.width());
    }

    /** Writes the bytes of an array field; {@code value} must be exactly as wide as the field. */
    public StructView putBytes(String field, byte[] value) {
        StructLayout.Field f = layout.field(field);
        if (value.length != f.width()) {
            throw new IllegalArgumentException(layout.cName() + "." + field + " is " + f.width() + " bytes, not "
                    + value.length);
        }
        base.write(offset + f.offset(), value, 0, value.length);
        return this;
    }

    private long checked(StructLayout.Field f, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(value + " does not fit " + layout.cName() + "." + f.name() + " ("
                    + f.width() + " bytes)");
        }
        return value;
    }
}
