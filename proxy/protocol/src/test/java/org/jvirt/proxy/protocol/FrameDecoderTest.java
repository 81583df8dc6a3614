package org.jvirt.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.proxy.protocol.Bytes.hex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;

class FrameDecoderTest {
    static byte[] frame(int serial, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) serial);
        return Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_CAPABILITIES, serial, payload).toFrame();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void framesComeOutWholeHoweverTheBytesArrive() throws Exception {
        byte[] a = frame(1, 0);
        byte[] b = frame(2, 8);
        byte[] stream = concat(a, b, Arrays.copyOf(frame(3, 4), 10));
        FrameDecoder d = new FrameDecoder();
        ByteBuffer all = ByteBuffer.wrap(stream);
        assertThat(d.feed(all)).hasValueSatisfying(f -> assertThat(f).isEqualTo(Arrays.copyOfRange(a, 4, a.length)));
        assertThat(d.feed(all)).hasValueSatisfying(f -> assertThat(f).isEqualTo(Arrays.copyOfRange(b, 4, b.length)));
        assertThat(d.feed(all)).isEmpty();
        assertThat(d.isIdle()).isFalse();
        assertThat(d.frameOffset()).isEqualTo(a.length + b.length);

        FrameDecoder one = new FrameDecoder();
        List<byte[]> got = new ArrayList<>();
        for (byte x : concat(a, b)) {
            one.feed(ByteBuffer.wrap(new byte[] {x})).ifPresent(got::add);
        }
        assertThat(got).hasSize(2);
        assertThat(one.isIdle()).isTrue();
    }

    @Test
    void aFrameLargerThanTheInitialBufferGrowsIntoPlace() throws Exception {
        byte[] big = frame(7, 300_000);
        Optional<Message> m = new FrameReader(new ByteArrayInputStream(big)).next();
        assertThat(m).hasValueSatisfying(msg -> {
            assertThat(msg.payload()).hasSize(300_000);
            assertThat(msg.toFrame()).isEqualTo(big);
        });
    }

    @Test
    void lengthsOutsideLibvirtsLimitsAreRefusedBeforeAllocating() {
        assertThatThrownBy(() -> new FrameDecoder().feed(ByteBuffer.wrap(hex("0000001b 00"))))
                .isInstanceOf(FrameException.class)
                .hasMessage("frame length 27 is less than the 28 bytes of length word and header (frame at stream offset 0)");
        // a length word claiming 2 GiB: refused on its four bytes alone
        assertThatThrownBy(() -> new FrameDecoder().feed(ByteBuffer.wrap(hex("7fffffff"))))
                .isInstanceOf(FrameException.class).hasMessageContaining("frame length 2147483647 exceeds the maximum of 33554436");
        assertThatThrownBy(() -> new FrameDecoder().feed(ByteBuffer.wrap(hex("ffffffff"))))
                .isInstanceOf(FrameException.class).hasMessageContaining("frame length 4294967295 exceeds");
        assertThatThrownBy(() -> new FrameDecoder().feed(ByteBuffer.wrap(hex("02000005"))))
                .isInstanceOf(FrameException.class).hasMessageContaining("frame length 33554437 exceeds");
        byte[] two = concat(frame(1, 0), hex("02000005"));
        FrameDecoder d = new FrameDecoder();
        ByteBuffer buf = ByteBuffer.wrap(two);
        assertThatThrownBy(() -> {
            d.feed(buf);
            d.feed(buf);
        }).isInstanceOf(FrameException.class).satisfies(e -> assertThat(((FrameException) e).offset()).isEqualTo(28));
        assertThatThrownBy(() -> new FrameDecoder(100).feed(ByteBuffer.wrap(hex("00000065"))))
                .isInstanceOf(FrameException.class).hasMessageContaining("exceeds the maximum of 100 bytes");
        assertThatThrownBy(() -> new FrameDecoder(27)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLargestFrameIsAccepted() throws Exception {
        FrameDecoder d = new FrameDecoder();
        assertThat(d.feed(ByteBuffer.wrap(hex("02000004 20008086")))).isEmpty();
        assertThat(d.isIdle()).isFalse();
    }

    @Test
    void aStreamMayEndBetweenFramesOnly() throws Exception {
        byte[] a = frame(1, 4);
        FrameReader clean = new FrameReader(Channels.newChannel(new ByteArrayInputStream(a)));
        assertThat(clean.nextFrame()).isPresent();
        assertThat(clean.nextFrame()).isEmpty();
        byte[] cut = concat(a, Arrays.copyOf(frame(2, 4), 30));
        FrameReader r = new FrameReader(new ByteArrayInputStream(cut));
        assertThat(r.next()).isPresent();
        assertThatThrownBy(r::next).isInstanceOf(FrameException.class)
                .hasMessage("the stream ends inside a frame (frame at stream offset " + a.length + ")");
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(hex("0000"))).next())
                .isInstanceOf(FrameException.class);
    }
}
