package org.jvirt.driver.xenstore.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts xenstored's byte stream into frames. Its buffer holds exactly one largest frame (16 + 4096
 * bytes), and a header's length is checked before its payload is taken, so nothing xenstored sends can
 * make it allocate more. Not thread-safe: the reader thread's own.
 */
final class FrameDecoder {
    private final ByteBuffer buffer =
            ByteBuffer.allocate(XsFrame.HEADER + XsFrame.PAYLOAD_MAX).order(ByteOrder.LITTLE_ENDIAN);

    /** Where the next bytes read go (the buffer, in write mode); never full when {@link #drain} returned. */
    ByteBuffer target() {
        return buffer;
    }

    /**
     * Takes every complete frame out of the buffer, keeping the start of an incomplete one.
     *
     * @throws WireFault when a header announces more than XENSTORE_PAYLOAD_MAX bytes
     */
    List<XsFrame> drain() throws WireFault {
        buffer.flip();
        List<XsFrame> frames = new ArrayList<>();
        try {
            while (buffer.remaining() >= XsFrame.HEADER) {
                int start = buffer.position();
                int type = buffer.getInt(start);
                int reqId = buffer.getInt(start + 4);
                int txId = buffer.getInt(start + 8);
                long len = Integer.toUnsignedLong(buffer.getInt(start + 12));
                if (len > XsFrame.PAYLOAD_MAX) {
                    throw new WireFault("xenstored sent a frame (" + describe(type) + ", request id "
                            + Integer.toUnsignedString(reqId) + ") announcing " + len
                            + " bytes of payload, more than XENSTORE_PAYLOAD_MAX (" + XsFrame.PAYLOAD_MAX + ")");
                }
                if (buffer.remaining() < XsFrame.HEADER + len) {
                    break;
                }
                byte[] payload = new byte[(int) len];
                buffer.position(start + XsFrame.HEADER);
                buffer.get(payload);
                frames.add(new XsFrame(type, reqId, txId, payload));
            }
        } finally {
            buffer.compact();
        }
        return frames;
    }

    /**
     * What the stream ending now would cut short: null at a frame boundary, else which frame and how
     * much of it arrived.
     */
    String unfinished() {
        int have = buffer.position();
        if (have == 0) {
            return null;
        }
        if (have < XsFrame.HEADER) {
            return "after " + have + " of the 16 bytes of a frame header";
        }
        int type = buffer.getInt(0);
        int reqId = buffer.getInt(4);
        long len = Integer.toUnsignedLong(buffer.getInt(12));
        return "in the middle of a frame (" + describe(type) + ", request id " + Integer.toUnsignedString(reqId)
                + "): " + (have - XsFrame.HEADER) + " of its " + len + " bytes of payload arrived";
    }

    private static String describe(int type) {
        XsType t = XsType.ofNumber(type);
        return t == null ? "unknown type " + Integer.toUnsignedString(type) : t.name();
    }
}
