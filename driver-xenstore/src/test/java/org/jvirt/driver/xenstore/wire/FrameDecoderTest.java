package org.jvirt.driver.xenstore.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting the byte stream into frames, whatever pieces it arrives in. */
class FrameDecoderTest {

    private static byte[] frame(int type, int reqId, int txId, long announced, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(reqId).putInt(txId).putInt((int) announced).put(payload);
        return b.array();
    }

    private static List<XsFrame> feed(FrameDecoder d, byte[] bytes) throws WireFault {
        d.target().put(bytes);
        return d.drain();
    }

    @Test
    void framesInOneChunkAllComeOut() throws WireFault {
        FrameDecoder d = new FrameDecoder();
        byte[] a = frame(2, 7, 0, 5, "hello".getBytes());
        byte[] b = frame(16, 8, 3, 7, "ENOENT\0".getBytes());
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        List<XsFrame> out = feed(d, both);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).reqId()).isEqualTo(7);
        assertThat(out.get(0).payload()).isEqualTo("hello".getBytes());
        assertThat(out.get(1).knownType()).isEqualTo(XsType.ERROR);
        assertThat(out.get(1).txId()).isEqualTo(3);
        assertThat(d.unfinished()).isNull();
    }

    @Test
    void aFrameArrivingByteByByteComesOutWhole() throws WireFault {
        FrameDecoder d = new FrameDecoder();
        byte[] f = frame(1, 9, 0, 4, "a\0b\0".getBytes());
        List<XsFrame> out = new ArrayList<>();
        for (int i = 0; i < f.length; i++) {
            out.addAll(feed(d, new byte[] {f[i]}));
            if (i < f.length - 1) {
                assertThat(out).isEmpty();
                assertThat(d.unfinished()).isNotNull();
            }
        }
        assertThat(out).singleElement().satisfies(x -> assertThat(XsPayload.split(x.payload()))
                .containsExactly("a", "b"));
    }

    @Test
    void theLargestFrameFitsAndALargerOneIsRefusedBeforeItsPayload() throws WireFault {
        FrameDecoder d = new FrameDecoder();
        assertThat(feed(d, frame(2, 1, 0, 4096, new byte[4096]))).singleElement()
                .satisfies(x -> assertThat(x.payload()).hasSize(4096));
        FrameDecoder e = new FrameDecoder();
        assertThatThrownBy(() -> feed(e, frame(2, 5, 0, 4097, new byte[0])))
                .isInstanceOf(WireFault.class).hasMessageContaining("4097")
                .hasMessageContaining("XENSTORE_PAYLOAD_MAX").hasMessageContaining("request id 5");
        FrameDecoder huge = new FrameDecoder();
        assertThatThrownBy(() -> feed(huge, frame(2, 6, 0, 0xffff_ffffL, new byte[0])))
                .isInstanceOf(WireFault.class).hasMessageContaining("4294967295");
    }

    @Test
    void whatAStreamEndingNowWouldCutShortIsSaid() throws WireFault {
        FrameDecoder d = new FrameDecoder();
        assertThat(feed(d, new byte[] {2, 0, 0})).isEmpty();
        assertThat(d.unfinished()).contains("3 of the 16 bytes");
        FrameDecoder e = new FrameDecoder();
        byte[] f = frame(2, 12, 0, 20, "12345".getBytes());
        assertThat(feed(e, f)).isEmpty();
        assertThat(e.unfinished()).contains("READ").contains("request id 12").contains("5 of its 20 bytes");
    }
}
