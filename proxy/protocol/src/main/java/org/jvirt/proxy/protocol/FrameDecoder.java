package org.jvirt.proxy.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts a byte stream into frame bodies (header and payload, without the length word), for
 * blocking and non-blocking readers alike: feed it whatever bytes arrived, take the bodies it
 * completes.
 *
 * <p>A length word is checked before anything is allocated for its frame: under
 * {@link ProtocolLimits#FRAME_MIN} or over the decoder's maximum (libvirt's
 * {@link ProtocolLimits#FRAME_MAX} by default) is a {@link FrameException}. Even a frame within the
 * limits gets its buffer as its bytes arrive — {@link ProtocolLimits#INITIAL} first, four times
 * larger each time it fills, as libvirt grows its own — so a peer that announces 32 MiB and sends
 * nothing costs 64 KiB.
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class FrameDecoder {
    private final int maxFrame;
    private final byte[] lengthWord = new byte[ProtocolLimits.LENGTH_WORD];
    private int lengthHave;
    private byte[] body;
    private int bodyLength;
    private int bodyHave;
    private long frameStart;
    private long consumed;

    /** A decoder with libvirt's limit, {@link ProtocolLimits#FRAME_MAX}. */
    public FrameDecoder() {
        this(ProtocolLimits.FRAME_MAX);
    }

    /**
     * A decoder with a smaller limit.
     *
     * @param maxFrame the largest frame accepted, length word included; within
     *     [{@link ProtocolLimits#FRAME_MIN}, {@link ProtocolLimits#FRAME_MAX}]
     */
    public FrameDecoder(int maxFrame) {
        if (maxFrame < ProtocolLimits.FRAME_MIN || maxFrame > ProtocolLimits.FRAME_MAX) {
            throw new IllegalArgumentException("maxFrame " + maxFrame + " is outside ["
                    + ProtocolLimits.FRAME_MIN + ", " + ProtocolLimits.FRAME_MAX + "]");
        }
        this.maxFrame = maxFrame;
    }

    /** Whether the decoder stands between frames, holding no partial one: where a stream may end. */
    public boolean isIdle() {
        return lengthHave == 0 && body == null;
    }

    /** Where the frame being read (or the next one) starts in the stream. */
    public long frameOffset() {
        return isIdle() ? consumed : frameStart;
    }

    /**
     * Takes bytes from {@code src} until a frame is complete or {@code src} is empty.
     *
     * @return the completed frame's body (header and payload), or empty when more bytes are needed;
     *     bytes after a completed frame stay in {@code src}
     */
    public Optional<byte[]> feed(ByteBuffer src) throws FrameException {
        while (src.hasRemaining()) {
            if (body == null) {
                if (lengthHave == 0) {
                    frameStart = consumed;
                }
                lengthWord[lengthHave++] = src.get();
                consumed++;
                if (lengthHave == lengthWord.length) {
                    startBody();
                }
                continue;
            }
            if (bodyHave == body.length) {
                body = Arrays.copyOf(body, (int) Math.min((long) body.length * 4, bodyLength));
            }
            int n = Math.min(src.remaining(), body.length - bodyHave);
            src.get(body, bodyHave, n);
            bodyHave += n;
            consumed += n;
            if (bodyHave == bodyLength) {
                byte[] done = body;
                body = null;
                lengthHave = 0;
                return Optional.of(done);
            }
        }
        return Optional.empty();
    }

    private void startBody() throws FrameException {
        long length = Integer.toUnsignedLong((lengthWord[0] & 0xff) << 24 | (lengthWord[1] & 0xff) << 16
                | (lengthWord[2] & 0xff) << 8 | lengthWord[3] & 0xff);
        if (length < ProtocolLimits.FRAME_MIN) {
            throw new FrameException(frameStart, "frame length " + length + " is less than the "
                    + ProtocolLimits.FRAME_MIN + " bytes of length word and header");
        }
        if (length > maxFrame) {
            throw new FrameException(frameStart, "frame length " + length + " exceeds the maximum of "
                    + maxFrame + " bytes");
        }
        bodyLength = (int) length - ProtocolLimits.LENGTH_WORD;
        body = new byte[Math.min(bodyLength, ProtocolLimits.INITIAL)];
        bodyHave = 0;
    }
}
