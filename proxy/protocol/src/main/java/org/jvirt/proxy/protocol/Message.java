package org.jvirt.proxy.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.Objects;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.xdr.XdrCodec;
import org.jvirt.proxy.protocol.xdr.XdrException;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;
import org.jvirt.proxy.protocol.xdr.XdrReader;
import org.jvirt.proxy.protocol.xdr.XdrWriter;

/**
 * One message of libvirt's RPC: the {@code virNetMessageHeader} (program, version, procedure, type,
 * serial, status) and the XDR payload after it, kept as bytes until someone asks for it as a
 * type — a relay or a dispatcher that refuses a call need not decode it.
 *
 * <p>For a {@code VIR_NET_ERROR} reply the payload is a {@link VirNetMessageError}; for the
 * {@code *_WITH_FDS} types it starts with the number of file descriptors passed alongside.
 *
 * @param header the header
 * @param payload the payload bytes (not copied; do not change them)
 */
public record Message(VirNetMessageHeader header, byte[] payload) {
    /** Both parts are required; the payload must fit libvirt's {@link ProtocolLimits#PAYLOAD_MAX}. */
    public Message {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        if (payload.length > ProtocolLimits.PAYLOAD_MAX) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds libvirt's "
                    + ProtocolLimits.PAYLOAD_MAX);
        }
    }

    /**
     * Decodes a frame's body (header and payload, as {@link FrameReader#nextFrame()} returns it).
     * Offsets in errors count from the frame's first byte, its length word.
     */
    public static Message decode(byte[] body) throws XdrException {
        XdrReader in = new XdrReader(body, 0, body.length, ProtocolLimits.LENGTH_WORD);
        VirNetMessageHeader h = VirNetMessageHeader.decode(in);
        return new Message(h, Arrays.copyOfRange(body, ProtocolLimits.HEADER, body.length));
    }

    /** Decodes a whole frame, length word included; the length must match the array's. */
    public static Message decodeFrame(byte[] frame) throws XdrException {
        XdrReader in = new XdrReader(frame);
        int length = in.readInt("frame length");
        if (Integer.toUnsignedLong(length) != frame.length || frame.length < ProtocolLimits.FRAME_MIN) {
            throw new XdrException(0, "frame length " + Integer.toUnsignedLong(length) + " does not match the "
                    + frame.length + " bytes given");
        }
        return decode(Arrays.copyOfRange(frame, ProtocolLimits.LENGTH_WORD, frame.length));
    }

    /** A call of {@code proc} numbered {@code serial}, with {@code args} as its payload. */
    public static <T> Message call(XdrProcedure proc, int serial, XdrCodec<T> codec, T args) {
        return call(proc, serial, codec.toBytes(args));
    }

    /** A call of {@code proc} numbered {@code serial}, with an encoded payload (empty for no arguments). */
    public static Message call(XdrProcedure proc, int serial, byte[] payload) {
        return new Message(new VirNetMessageHeader(proc.program(), proc.version(), proc.number(),
                VirNetMessageType.VIR_NET_CALL, serial, VirNetMessageStatus.VIR_NET_OK), payload);
    }

    /** The successful reply to this call: same program, version, procedure and serial. */
    public Message reply(byte[] payload) {
        return answer(VirNetMessageStatus.VIR_NET_OK, payload);
    }

    /** The error reply to this call, carrying {@code error}. */
    public Message errorReply(VirNetMessageError error) {
        return answer(VirNetMessageStatus.VIR_NET_ERROR, VirNetMessageError.CODEC.toBytes(error));
    }

    private Message answer(VirNetMessageStatus status, byte[] payload) {
        return new Message(new VirNetMessageHeader(header.prog(), header.vers(), header.proc(),
                VirNetMessageType.VIR_NET_REPLY, header.serial(), status), payload);
    }

    /**
     * The payload as {@code codec}'s type; it must take up every byte. Offsets in errors count from
     * the frame's first byte.
     */
    public <T> T payload(XdrCodec<T> codec) throws XdrException {
        return codec.decodeAll(new XdrReader(payload, 0, payload.length, ProtocolLimits.FRAME_MIN));
    }

    /** The whole frame: length word, header, payload. */
    public byte[] toFrame() {
        XdrWriter out = new XdrWriter(ProtocolLimits.FRAME_MIN + payload.length);
        out.writeInt(ProtocolLimits.FRAME_MIN + payload.length);
        VirNetMessageHeader.encode(out, header);
        byte[] head = out.toByteArray();
        byte[] frame = Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, frame, head.length, payload.length);
        return frame;
    }

    /** Writes the whole frame to {@code out}. */
    public void writeTo(WritableByteChannel out) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(toFrame());
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Compares headers and payload bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && header.equals(m.header) && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Message[" + header + ", " + payload.length + " payload bytes]";
    }
}
