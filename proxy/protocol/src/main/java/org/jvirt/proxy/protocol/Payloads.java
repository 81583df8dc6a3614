package org.jvirt.proxy.protocol;

import java.util.Optional;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.xdr.XdrCodec;
import org.jvirt.proxy.protocol.xdr.XdrException;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;
import org.jvirt.proxy.protocol.xdr.XdrReader;
import org.jvirt.proxy.protocol.xdr.XdrWriter;

/**
 * Which type a message's payload has, from its header alone: a call carries its procedure's
 * {@code _args}, a successful reply its {@code _ret}, an error reply a {@code virNetMessageError},
 * an event ({@code VIR_NET_MESSAGE}) its {@code _msg}; a procedure without such a struct carries
 * nothing ({@link #NONE}).
 */
public final class Payloads {
    private Payloads() {
    }

    /** The empty payload: nothing written, nothing read, and any byte present is an error. */
    public static final XdrCodec<Void> NONE = new XdrCodec<>() {
        @Override
        public String xdrName() {
            return "void";
        }

        @Override
        public void encode(XdrWriter out, Void value) {
        }

        @Override
        public Void decode(XdrReader in) {
            return null;
        }
    };

    /**
     * The codec of the payload a message with {@code header} carries; empty when this module
     * does not know the program or procedure, and for stream data and the {@code *_WITH_FDS}
     * types (whose payload starts with a file descriptor count), which stay bytes.
     */
    public static Optional<XdrCodec<?>> codecFor(VirNetMessageHeader header) {
        Optional<XdrProcedure> p = ProcedureTable.forProgram(header.prog(), header.vers())
                .flatMap(t -> t.byNumber(header.proc()));
        if (p.isEmpty()) {
            return Optional.empty();
        }
        switch (header.type()) {
            case VIR_NET_CALL:
                return Optional.of(p.get().argsCodec().orElse(NONE));
            case VIR_NET_REPLY:
                return header.status() == VirNetMessageStatus.VIR_NET_ERROR ? Optional.of(VirNetMessageError.CODEC)
                        : Optional.of(p.get().retCodec().orElse(NONE));
            case VIR_NET_MESSAGE:
                return Optional.of(p.get().messageCodec().orElse(NONE));
            default:
                return Optional.empty();
        }
    }

    /**
     * The payload of {@code m} decoded by {@link #codecFor}: null for {@link #NONE}.
     *
     * @throws XdrException when the payload is not a valid encoding of its type, or the header
     *     names nothing this module can decode
     */
    public static Object decode(Message m) throws XdrException {
        Optional<XdrCodec<?>> c = codecFor(m.header());
        if (c.isEmpty()) {
            throw new XdrException(ProtocolLimits.FRAME_MIN, String.format(
                    "no payload type for program 0x%08x version %d procedure %d, %s",
                    m.header().prog(), m.header().vers(), m.header().proc(), m.header().type()));
        }
        return m.payload(c.get());
    }

    /** {@code value} encoded with {@code codec}, for a value whose type the caller only knows as a codec's. */
    @SuppressWarnings("unchecked")
    public static byte[] encode(XdrCodec<?> codec, Object value) {
        return ((XdrCodec<Object>) codec).toBytes(value);
    }
}
