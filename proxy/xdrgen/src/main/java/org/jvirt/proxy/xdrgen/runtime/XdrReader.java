package org.jvirt.proxy.xdrgen.runtime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads XDR items (RFC 4506) from a byte array: big-endian, every item a multiple of four bytes.
 *
 * <p>Every length read from the data is checked before anything is allocated for it — against
 * the maximum the type declares and against the bytes that are actually left — so a length field
 * that claims two gigabytes costs nothing but an {@link XdrException}. Padding must be zero and
 * strings must be UTF-8: what is accepted re-encodes to the same bytes.
 *
 * <p>Not thread-safe; one reader per buffer.
 */
public final class XdrReader {
    private final byte[] data;
    private final int end;
    private final long base;
    private int pos;

    /** Reads all of {@code data}; offsets in errors count from its first byte. */
    public XdrReader(byte[] data) {
        this(data, 0, data.length, 0);
    }

    /**
     * Reads {@code data[from, from + length)}.
     *
     * @param base the offset reported in errors for {@code data[from]}, e.g. where the payload
     *     starts in its frame
     */
    public XdrReader(byte[] data, int from, int length, long base) {
        if (from < 0 || length < 0 || from > data.length - length) {
            throw new IndexOutOfBoundsException("range " + from + "+" + length + " of " + data.length);
        }
        this.data = data;
        this.pos = from;
        this.end = from + length;
        this.base = base - from;
    }

    /** Bytes not yet read. */
    public int remaining() {
        return end - pos;
    }

    /** The offset of the next byte, as errors report it. */
    public long offset() {
        return base + pos;
    }

    /** An error at the current position. */
    public XdrException error(String message) {
        return new XdrException(offset(), message);
    }

    /** Fails unless every byte has been read: trailing bytes mean the wrong type was decoded. */
    public void expectEnd(String what) throws XdrException {
        if (pos != end) {
            throw error(what + ": " + remaining() + " bytes left over");
        }
    }

    private void need(int n, String what) throws XdrException {
        if (end - pos < n) {
            throw error(what + ": truncated, needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    /** A signed 32-bit integer. */
    public int readInt(String what) throws XdrException {
        need(4, what);
        int v = (data[pos] & 0xff) << 24 | (data[pos + 1] & 0xff) << 16
                | (data[pos + 2] & 0xff) << 8 | data[pos + 3] & 0xff;
        pos += 4;
        return v;
    }

    /** An unsigned 32-bit integer, as its two's-complement bits (read it with {@link Integer#toUnsignedLong}). */
    public int readUnsignedInt(String what) throws XdrException {
        return readInt(what);
    }

    /** A signed 64-bit integer ({@code hyper}). */
    public long readHyper(String what) throws XdrException {
        need(8, what);
        long hi = readInt(what) & 0xffffffffL;
        long lo = readInt(what) & 0xffffffffL;
        return hi << 32 | lo;
    }

    /** An {@code unsigned hyper}, as its two's-complement bits. */
    public long readUnsignedHyper(String what) throws XdrException {
        return readHyper(what);
    }

    /** An IEEE single; the bits are kept as sent (NaN payloads included). */
    public float readFloat(String what) throws XdrException {
        return Float.intBitsToFloat(readInt(what));
    }

    /** An IEEE double; the bits are kept as sent. */
    public double readDouble(String what) throws XdrException {
        return Double.longBitsToDouble(readHyper(what));
    }

    /** A {@code bool}: 0 or 1, nothing else. */
    public boolean readBool(String what) throws XdrException {
        long at = offset();
        int v = readInt(what);
        if (v != 0 && v != 1) {
            throw new XdrException(at, what + ": bool must be 0 or 1, not " + v);
        }
        return v == 1;
    }

    /** rpcgen's {@code char}: a four-byte integer within -128..127. */
    public byte readChar(String what) throws XdrException {
        return (byte) readRanged(what, Byte.MIN_VALUE, Byte.MAX_VALUE, "char");
    }

    /** rpcgen's {@code unsigned char}: a four-byte integer within 0..255, kept as its bits. */
    public byte readUnsignedChar(String what) throws XdrException {
        return (byte) readRanged(what, 0, 255, "unsigned char");
    }

    /** rpcgen's {@code short}: a four-byte integer within the short range. */
    public short readShort(String what) throws XdrException {
        return (short) readRanged(what, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    /** rpcgen's {@code unsigned short}: a four-byte integer within 0..65535, kept as its bits. */
    public short readUnsignedShort(String what) throws XdrException {
        return (short) readRanged(what, 0, 65535, "unsigned short");
    }

    private int readRanged(String what, int min, int max, String type) throws XdrException {
        long at = offset();
        int v = readInt(what);
        if (v < min || v > max) {
            throw new XdrException(at, what + ": " + v + " is out of range for " + type);
        }
        return v;
    }

    /**
     * The count of a variable-length array or the length of a string or opaque, checked against
     * the declared maximum and against what is left at {@code bytesPerItem} bytes an item (a
     * lower bound: every XDR item is at least four bytes, every opaque byte one).
     */
    public int readLength(int max, int bytesPerItem, String what) throws XdrException {
        long at = offset();
        int n = readInt(what);
        if (n < 0 || Integer.toUnsignedLong(n) > Integer.toUnsignedLong(max)) {
            throw new XdrException(at, what + ": length " + Integer.toUnsignedLong(n)
                    + " exceeds the maximum " + Integer.toUnsignedLong(max));
        }
        if ((long) n * bytesPerItem > end - pos) {
            throw new XdrException(at, what + ": length " + n + " claims more than the "
                    + (end - pos) + " bytes left");
        }
        return n;
    }

    /** Fixed-length opaque data ({@code opaque x[n]}), padded to four bytes. */
    public byte[] readOpaque(int n, String what) throws XdrException {
        int padded = padded(n);
        need(padded, what);
        byte[] b = new byte[n];
        System.arraycopy(data, pos, b, 0, n);
        pos += n;
        skipPadding(padded - n, what);
        return b;
    }

    /** Variable-length opaque data ({@code opaque x<max>}). */
    public byte[] readVarOpaque(int max, String what) throws XdrException {
        int n = readLength(max, 1, what);
        return readOpaque(n, what);
    }

    /** A {@code string<max>}, which must be UTF-8. */
    public String readString(int max, String what) throws XdrException {
        int n = readLength(max, 1, what);
        long at = offset();
        int padded = padded(n);
        need(padded, what);
        if (ascii(pos, n)) {
            // what libvirt sends is nearly always ASCII (names, XML): the JDK's fastest path, valid UTF-8 as is
            String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
            pos += n;
            skipPadding(padded - n, what);
            return s;
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            chars = dec.decode(ByteBuffer.wrap(data, pos, n));
        } catch (CharacterCodingException e) {
            throw new XdrException(at, what + ": string is not valid UTF-8");
        }
        pos += n;
        skipPadding(padded - n, what);
        return chars.toString();
    }

    private boolean ascii(int from, int n) {
        for (int i = from, end = from + n; i < end; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The presence word of an optional item ({@code T *x}): 0 absent, 1 present. */
    public boolean readPresent(String what) throws XdrException {
        long at = offset();
        int v = readInt(what);
        if (v != 0 && v != 1) {
            throw new XdrException(at, what + ": the presence word of optional data must be 0 or 1, not " + v);
        }
        return v == 1;
    }

    private void skipPadding(int n, String what) throws XdrException {
        for (int i = 0; i < n; i++) {
            if (data[pos] != 0) {
                throw error(what + ": padding byte is not zero");
            }
            pos++;
        }
    }

    static int padded(int n) {
        return (n + 3) & ~3;
    }
}
