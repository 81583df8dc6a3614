package org.jvirt.driver.qemu.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The header of a saved domain, as libvirt's QEMU driver lays it out: a magic string, a version,
 * the domain XML and whether the guest was running, then — from a 4 KiB boundary on — QEMU's
 * migration stream. Decoding checks every length against the file before it allocates.
 *
 * <p>As libvirt's {@code LibvirtQemudPart}/{@code LibvirtQemudSave}: a header is written with
 * {@link #PARTIAL_MAGIC} and only {@link #markComplete} — once the whole stream is on disk — turns
 * it into {@link #MAGIC}. A file left behind by a save that never finished (QEMU killed, jvirt
 * killed, power lost) is thus refused as incomplete instead of being fed to QEMU.
 *
 * @param xml the domain's live XML
 * @param wasRunning whether the guest ran (rather than was paused) when saved
 * @param dataOffset where the migration stream starts
 */
public record SaveImage(String xml, boolean wasRunning, long dataOffset) {
    static final byte[] MAGIC = "JvirtQemuSave\0\0\0".getBytes(StandardCharsets.US_ASCII);
    /** The magic of an image whose migration stream is not (yet) complete. */
    static final byte[] PARTIAL_MAGIC = "JvirtQemuPart\0\0\0".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER = 32;
    static final int ALIGN = 4096;
    /** The largest domain XML a save image may carry. */
    public static final int MAX_XML = 16 << 20;

    /** The file is readable but not a sound jvirt QEMU save image. */
    public static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /**
     * The header bytes (padded to the data offset) for this XML, marked incomplete: write them,
     * then the migration stream, then {@link #markComplete}.
     */
    public static byte[] header(String xml, boolean wasRunning) {
        byte[] x = xml.getBytes(StandardCharsets.UTF_8);
        int length = align(HEADER + x.length);
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(PARTIAL_MAGIC).putInt(VERSION).putInt(x.length).putInt(wasRunning ? 1 : 0).putInt(0).put(x);
        return b.array();
    }

    /**
     * Marks the image open in {@code ch} complete (its header was written by {@link #header}) and
     * forces it to disk; call once the migration stream has been written and forced.
     */
    public static void markComplete(FileChannel ch) throws IOException {
        ByteBuffer m = ByteBuffer.wrap(MAGIC);
        while (m.hasRemaining()) {
            ch.write(m, m.position());
        }
        ch.force(true);
    }

    private static int align(int n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /**
     * Reads the header of {@code file}.
     *
     * @throws IOException when the file is unreadable, not a jvirt QEMU save image, truncated or corrupt
     */
    public static SaveImage read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER) {
                throw new FormatException("'" + file + "' is too short to be a saved domain image");
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, h, 0);
            h.flip();
            byte[] magic = new byte[MAGIC.length];
            h.get(magic);
            if (Arrays.equals(magic, PARTIAL_MAGIC)) {
                throw new FormatException("'" + file + "' is an incomplete saved domain image: the save that wrote"
                        + " it did not finish");
            }
            if (!Arrays.equals(magic, MAGIC)) {
                throw new FormatException("'" + file + "' is not a jvirt QEMU saved domain image (bad magic)");
            }
            int version = h.getInt();
            if (version != VERSION) {
                throw new FormatException("'" + file + "' has save image version " + version + ", expected " + VERSION);
            }
            int xmlLength = h.getInt();
            int flags = h.getInt();
            if (xmlLength <= 0 || xmlLength > MAX_XML || HEADER + (long) xmlLength > size) {
                throw new FormatException("'" + file + "' is corrupt: XML length " + xmlLength + " in a file of " + size
                        + " bytes");
            }
            long dataOffset = align(HEADER + xmlLength);
            if (dataOffset >= size) {
                throw new FormatException("'" + file + "' is truncated: it has no migration data");
            }
            ByteBuffer x = ByteBuffer.allocate(xmlLength);
            readFully(ch, x, HEADER);
            return new SaveImage(new String(x.array(), StandardCharsets.UTF_8), (flags & 1) != 0, dataOffset);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                throw new FormatException("unexpected end of file");
            }
        }
    }
}
