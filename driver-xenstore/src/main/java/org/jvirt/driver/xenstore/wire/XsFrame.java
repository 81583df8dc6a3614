package org.jvirt.driver.xenstore.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One message on the wire: {@code struct xsd_sockmsg} (four little-endian uint32: type, req_id, tx_id,
 * len) and its payload. The type is kept as a number, for xenstored may send one this client does not
 * know.
 *
 * @param type the message type's number (see {@link XsType})
 * @param reqId the request id, echoed in the reply; 0 for watch events
 * @param txId the transaction id, 0 outside transactions
 * @param payload the bytes after the header, at most {@link #PAYLOAD_MAX}
 */
record XsFrame(int type, int reqId, int txId, byte[] payload) {
    /** Bytes of the header. */
    static final int HEADER = 16;
    /** XENSTORE_PAYLOAD_MAX: the most payload either side may send. */
    static final int PAYLOAD_MAX = 4096;

    XsFrame {
        if (payload.length > PAYLOAD_MAX) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds XENSTORE_PAYLOAD_MAX ("
                    + PAYLOAD_MAX + ")");
        }
    }

    /** The known type, or null. */
    XsType knownType() {
        return XsType.ofNumber(type);
    }

    /** Header and payload, ready to write. */
    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(reqId).putInt(txId).putInt(payload.length).put(payload);
        return b.flip();
    }

    /** The type's name, or its number when unknown, for messages. */
    String typeName() {
        XsType t = knownType();
        return t == null ? "unknown type " + Integer.toUnsignedString(type) : t.name();
    }
}
