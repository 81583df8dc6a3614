package org.jvirt.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One of a {@link JournaledDirectory}'s two journal files: preallocated to {@link #SIZE} bytes so that an
 * append changes no metadata, and {@link #force flushing} it costs the disk one write. Appends go to the
 * page cache; the header is flushed whenever it changes, so that no record of a new epoch can reach the
 * disk before the header that makes the old ones stop counting. A header (magic, epoch, state, CRC) in the first block says whether its records count;
 * records follow from {@link #HEADER_BLOCK}: magic, epoch, kind, name length, content length, CRC-32C,
 * name, content. Reading stops at the first record that is not whole and of the header's epoch. Not
 * thread-safe: the journaled directory serialises its use.
 */
final class JournalSegment {
    static final int SIZE = 1 << 20;
    static final int HEADER_BLOCK = 4096;
    private static final long HEADER_MAGIC = 0x4A564A524E4C0001L;
    private static final int RECORD_MAGIC = 0x4A524543;
    private static final int HEADER_BYTES = 8 + 8 + 4 + 4;
    private static final int RECORD_HEAD = 4 + 8 + 1 + 2 + 4 + 4;
    private static final int ACTIVE = 1;
    private static final int RETIRED = 2;
    private static final byte WRITE = 1;
    private static final byte DELETE = 2;

    /** A replayed change: {@code content} null for a delete. */
    record Record(String name, byte[] content) {
    }

    private final Path path;
    private FileChannel channel;
    private long epoch;
    private int state;
    private int position = HEADER_BLOCK;

    JournalSegment(Path path) {
        this.path = path;
    }

    static int capacity() {
        return SIZE - HEADER_BLOCK;
    }

    static int recordSize(String name, byte[] content) {
        return RECORD_HEAD + name.getBytes(StandardCharsets.UTF_8).length + (content == null ? 0 : content.length);
    }

    long epoch() {
        return epoch;
    }

    boolean isActive() {
        return state == ACTIVE;
    }

    boolean isEmpty() {
        return position == HEADER_BLOCK;
    }

    boolean isHalfFull() {
        return position - HEADER_BLOCK >= capacity() / 2;
    }

    boolean fits(int recordSize) {
        return position + recordSize <= SIZE;
    }

    /**
     * Reads the header of an existing segment; returns its epoch, 0 when the file is absent or its header
     * is not whole (a crash while it was made: it then holds no record, and is made again when needed).
     */
    long load() throws IOException {
        if (!Files.isRegularFile(path)) {
            return 0;
        }
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (channel.size() != SIZE) {
            state = 0;
            return 0;
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        readFully(h, 0);
        if (h.getLong(0) != HEADER_MAGIC || h.getInt(20) != crc(h.array(), 0, 20)) {
            state = 0;
            return 0;
        }
        epoch = h.getLong(8);
        state = h.getInt(16);
        return epoch;
    }

    /** The records of this segment's epoch, in order; afterwards appends would follow the last of them. */
    List<Record> records() throws IOException {
        List<Record> out = new ArrayList<>();
        ByteBuffer head = ByteBuffer.allocate(RECORD_HEAD);
        position = HEADER_BLOCK;
        while (position + RECORD_HEAD <= SIZE) {
            head.clear();
            readFully(head, position);
            int nameLength = Short.toUnsignedInt(head.getShort(13));
            int contentLength = head.getInt(15);
            byte kind = head.get(12);
            if (head.getInt(0) != RECORD_MAGIC || head.getLong(4) != epoch || (kind != WRITE && kind != DELETE)
                    || contentLength < 0 || (long) position + RECORD_HEAD + nameLength + contentLength > SIZE) {
                break;
            }
            ByteBuffer body = ByteBuffer.allocate(nameLength + contentLength);
            readFully(body, position + RECORD_HEAD);
            CRC32C crc = new CRC32C();
            crc.update(head.array(), 4, 15);
            crc.update(body.array(), 0, body.capacity());
            if ((int) crc.getValue() != head.getInt(19)) {
                break;
            }
            String name;
            try {
                name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body.array(), 0, nameLength)).toString();
            } catch (CharacterCodingException e) {
                break;
            }
            byte[] content = null;
            if (kind == WRITE) {
                content = new byte[contentLength];
                System.arraycopy(body.array(), nameLength, content, 0, contentLength);
            }
            out.add(new Record(name, content));
            position += RECORD_HEAD + nameLength + contentLength;
        }
        return out;
    }

    /** Makes this segment the one records go to, under {@code newEpoch}: its old records stop counting. */
    void activate(long newEpoch) throws IOException {
        if (channel == null || channel.size() != SIZE) {
            preallocate();
        }
        writeHeader(newEpoch, ACTIVE);
        position = HEADER_BLOCK;
    }

    /** Appends a write ({@code content} non-null) or a delete of {@code name}; on the disk after {@link #force}. */
    void append(String name, byte[] content) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int length = content == null ? 0 : content.length;
        ByteBuffer b = ByteBuffer.allocate(RECORD_HEAD + n.length + length);
        b.putInt(RECORD_MAGIC).putLong(epoch).put(content == null ? DELETE : WRITE).putShort((short) n.length)
                .putInt(length).putInt(0).put(n);
        if (content != null) {
            b.put(content);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 4, 15);
        crc.update(b.array(), RECORD_HEAD, n.length + length);
        b.putInt(19, (int) crc.getValue());
        b.flip();
        writeFully(b, position);
        position += b.limit();
    }

    /** Flushes the records appended so far to the disk. */
    void force() throws IOException {
        channel.force(false);
    }

    /** Marks the records as applied and flushed: they are never replayed. */
    void retire() throws IOException {
        writeHeader(epoch, RETIRED);
    }

    void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Writes the whole file with zeros and flushes it, so that appends later only overwrite blocks. */
    private void preallocate() throws IOException {
        close();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer zeros = ByteBuffer.allocate(64 << 10);
            for (long at = 0; at < SIZE; at += zeros.capacity()) {
                zeros.clear();
                while (zeros.hasRemaining()) {
                    ch.write(zeros, at + zeros.position());
                }
            }
            ch.force(true);
        }
        AtomicFiles.syncDirectory(path.getParent());
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private void writeHeader(long newEpoch, int newState) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.putLong(HEADER_MAGIC).putLong(newEpoch).putInt(newState);
        h.putInt(crc(h.array(), 0, 20));
        h.flip();
        writeFully(h, 0);
        channel.force(false);
        epoch = newEpoch;
        state = newState;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private void readFully(ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw new IOException(path + " ends early");
            }
        }
    }

    private void writeFully(ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b, at + b.position());
        }
    }
}
