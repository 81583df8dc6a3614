package org.jvirt.proxy.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import org.jvirt.proxy.protocol.xdr.XdrException;

/**
 * Reads libvirt messages from a blocking channel or stream, with libvirt's limits (see
 * {@link FrameDecoder}). The end of the stream between two frames is a clean end; inside a frame it
 * is a {@link FrameException}.
 *
 * <p>Not thread-safe: one reader per connection.
 */
public final class FrameReader {
    private final ReadableByteChannel in;
    private final FrameDecoder decoder;
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024).flip();

    /** Reads {@code in} with libvirt's frame limit. */
    public FrameReader(ReadableByteChannel in) {
        this(in, new FrameDecoder());
    }

    /** Reads {@code in} with libvirt's frame limit. */
    public FrameReader(InputStream in) {
        this(Channels.newChannel(in));
    }

    /** Reads {@code in} with {@code decoder}'s limit. */
    public FrameReader(ReadableByteChannel in, FrameDecoder decoder) {
        this.in = in;
        this.decoder = decoder;
    }

    /**
     * The next frame's body (header and payload, without the length word).
     *
     * @return empty when the stream ends cleanly between frames
     * @throws FrameException on a length outside the limits, or a stream that ends inside a frame
     */
    public Optional<byte[]> nextFrame() throws IOException {
        while (true) {
            Optional<byte[]> body = decoder.feed(buf);
            if (body.isPresent()) {
                return body;
            }
            buf.clear();
            int n = in.read(buf);
            buf.flip();
            if (n < 0) {
                if (decoder.isIdle()) {
                    return Optional.empty();
                }
                throw new FrameException(decoder.frameOffset(), "the stream ends inside a frame");
            }
        }
    }

    /**
     * The next message, its header decoded.
     *
     * @return empty when the stream ends cleanly between frames
     * @throws XdrException when the header is not a valid {@code virNetMessageHeader}
     */
    public Optional<Message> next() throws IOException, XdrException {
        Optional<byte[]> body = nextFrame();
        return body.isEmpty() ? Optional.empty() : Optional.of(Message.decode(body.get()));
    }
}
