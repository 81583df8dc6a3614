package org.jvirt.proxy.xdrgen.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes XDR items (RFC 4506) into a growing byte array: big-endian, every item padded with zero
 * bytes to a multiple of four.
 *
 * <p>Values that the declared type cannot carry — a string or array over its maximum, fixed-length
 * opaque data of the wrong length, a {@code char} array element outside its range — are refused
 * with an {@link IllegalArgumentException} naming the field: they are the caller's mistake, and
 * libvirt would refuse them on the other side anyway.
 *
 * <p>Not thread-safe.
 */
public final class XdrWriter {
    private byte[] buf;
    private int len;

    /** A writer with room for 256 bytes to start with. */
    public XdrWriter() {
        this(256);
    }

    /** A writer with room for {@code initialCapacity} bytes to start with. */
    public XdrWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes written so far. */
    public int size() {
        return len;
    }

    /** A copy of what has been written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (buf.length - len < n) {
            long want = Math.max((long) buf.length * 2, (long) len + n);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("XDR encoding larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    /** A signed 32-bit integer, or the bits of an unsigned one. */
    public void writeInt(int v) {
        ensure(4);
        buf[len] = (byte) (v >>> 24);
        buf[len + 1] = (byte) (v >>> 16);
        buf[len + 2] = (byte) (v >>> 8);
        buf[len + 3] = (byte) v;
        len += 4;
    }

    /** Overwrites the four bytes at {@code at} (already written) with {@code v}. */
    public void patchInt(int at, int v) {
        if (at < 0 || at > len - 4) {
            throw new IndexOutOfBoundsException("patch at " + at + " of " + len);
        }
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** A {@code hyper} or the bits of an {@code unsigned hyper}. */
    public void writeHyper(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    /** An IEEE single, bits as given. */
    public void writeFloat(float v) {
        writeInt(Float.floatToRawIntBits(v));
    }

    /** An IEEE double, bits as given. */
    public void writeDouble(double v) {
        writeHyper(Double.doubleToRawLongBits(v));
    }

    /** A {@code bool}. */
    public void writeBool(boolean v) {
        writeInt(v ? 1 : 0);
    }

    /** rpcgen's {@code char} (a four-byte integer). */
    public void writeChar(byte v) {
        writeInt(v);
    }

    /** rpcgen's {@code unsigned char}: the byte's bits as 0..255. */
    public void writeUnsignedChar(byte v) {
        writeInt(v & 0xff);
    }

    /** rpcgen's {@code short}. */
    public void writeShort(short v) {
        writeInt(v);
    }

    /** rpcgen's {@code unsigned short}: the bits as 0..65535. */
    public void writeUnsignedShort(short v) {
        writeInt(v & 0xffff);
    }

    /** The count of a variable-length array, checked against its maximum. */
    public void writeLength(int n, int max, String what) {
        if (Integer.toUnsignedLong(n) > Integer.toUnsignedLong(max)) {
            throw new IllegalArgumentException(what + ": length " + n + " exceeds the maximum "
                    + Integer.toUnsignedLong(max));
        }
        writeInt(n);
    }

    /** Fixed-length opaque data: exactly {@code n} bytes, then padding. */
    public void writeOpaque(byte[] v, int n, String what) {
        if (v.length != n) {
            throw new IllegalArgumentException(what + ": needs exactly " + n + " bytes, not " + v.length);
        }
        writeBytesPadded(v);
    }

    /** Variable-length opaque data: length, bytes, padding. */
    public void writeVarOpaque(byte[] v, int max, String what) {
        writeLength(v.length, max, what);
        writeBytesPadded(v);
    }

    /** A {@code string<max>} in UTF-8; the maximum counts bytes, as libvirt's does. */
    public void writeString(String v, int max, String what) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        writeLength(b.length, max, what);
        writeBytesPadded(b);
    }

    /** The presence word of an optional item. */
    public void writePresent(boolean present) {
        writeBool(present);
    }

    private void writeBytesPadded(byte[] b) {
        int padded = XdrReader.padded(b.length);
        ensure(padded);
        System.arraycopy(b, 0, buf, len, b.length);
        Arrays.fill(buf, len + b.length, len + padded, (byte) 0);
        len += padded;
    }
}
