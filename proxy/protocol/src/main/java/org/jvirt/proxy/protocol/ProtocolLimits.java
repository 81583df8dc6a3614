package org.jvirt.proxy.protocol;

import org.jvirt.proxy.protocol.net.VirNetProtocol;

/**
 * libvirt's message size limits, from {@code virnetprotocol.x}. A frame is a four-byte big-endian
 * length that counts itself, then the 24-byte header, then the payload; header and payload
 * together may take {@link #MESSAGE_MAX} bytes (the length word is not counted there, as in
 * libvirt's {@code virNetMessageDecodeLength}).
 */
public final class ProtocolLimits {
    private ProtocolLimits() {
    }

    /** The length word: {@code VIR_NET_MESSAGE_LEN_MAX}, 4. */
    public static final int LENGTH_WORD = VirNetProtocol.VIR_NET_MESSAGE_LEN_MAX;

    /** The encoded header: {@code VIR_NET_MESSAGE_HEADER_MAX}, 24. */
    public static final int HEADER = VirNetProtocol.VIR_NET_MESSAGE_HEADER_MAX;

    /** Header and payload at most: {@code VIR_NET_MESSAGE_MAX}, 32 MiB. */
    public static final int MESSAGE_MAX = VirNetProtocol.VIR_NET_MESSAGE_MAX;

    /** Payload at most: {@code VIR_NET_MESSAGE_PAYLOAD_MAX}, 32 MiB less the header. */
    public static final int PAYLOAD_MAX = VirNetProtocol.VIR_NET_MESSAGE_PAYLOAD_MAX;

    /**
     * The buffer libvirt starts a message with, {@code VIR_NET_MESSAGE_INITIAL} (64 KiB); it grows
     * fourfold as the payload needs, and so do this module's buffers.
     */
    public static final int INITIAL = VirNetProtocol.VIR_NET_MESSAGE_INITIAL;

    /** A whole frame at most, length word included. */
    public static final int FRAME_MAX = MESSAGE_MAX + LENGTH_WORD;

    /** The smallest frame: length word and header, no payload. */
    public static final int FRAME_MIN = LENGTH_WORD + HEADER;
}
