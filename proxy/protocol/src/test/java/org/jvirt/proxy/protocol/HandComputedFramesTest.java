package org.jvirt.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.proxy.protocol.Bytes.hex;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.remote.RemoteConnectListAllDomainsRet;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetInfoRet;
import org.jvirt.proxy.protocol.remote.RemoteNodeGetInfoRet;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.remote.RemoteTypedParam;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue;
import org.jvirt.proxy.protocol.xdr.XdrException;

/**
 * Frames written out byte by byte from the .x definitions and RFC 4506 (the same bytes libvirt's
 * rpcgen code produces), decoded and re-encoded.
 */
class HandComputedFramesTest {
    /** CONNECT_OPEN("test:///default", flags 0), serial 2: what virsh sends third. */
    static final String CONNECT_OPEN = "00000038 | 20008086 00000001 00000001 00000000 00000002 00000000"
            + "| 00000001 0000000f 74657374 3a2f2f2f 64656661 756c7400 | 00000000";

    @Test
    void aCallOfConnectOpen() throws XdrException {
        Message m = Message.decodeFrame(hex(CONNECT_OPEN));
        assertThat(m.header().prog()).isEqualTo(0x20008086);
        assertThat(m.header().vers()).isEqualTo(1);
        assertThat(m.header().proc()).isEqualTo(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN.number());
        assertThat(m.header().type()).isEqualTo(VirNetMessageType.VIR_NET_CALL);
        assertThat(m.header().serial()).isEqualTo(2);
        assertThat(m.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
        RemoteConnectOpenArgs args = m.payload(RemoteConnectOpenArgs.CODEC);
        assertThat(args).isEqualTo(new RemoteConnectOpenArgs(Optional.of("test:///default"), 0));
        assertThat(hex(Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, 2, RemoteConnectOpenArgs.CODEC, args)
                .toFrame())).isEqualTo(hex(hex(CONNECT_OPEN)));
    }

    @Test
    void theReplyOfDomainGetInfo() throws XdrException {
        // state (unsigned char, four bytes), maxMem, memory (unsigned hyper), nrVirtCpu (unsigned short), cpuTime
        String frame = "0000003c | 20008086 00000001 00000010 00000001 00000007 00000000"
                + "| 00000001 | 0000000000800000 | 0000000000200000 | 00000002 | 0000000000abcdef";
        Message m = Message.decodeFrame(hex(frame));
        assertThat(m.header().type()).isEqualTo(VirNetMessageType.VIR_NET_REPLY);
        RemoteDomainGetInfoRet ret = m.payload(RemoteDomainGetInfoRet.CODEC);
        assertThat(ret).isEqualTo(new RemoteDomainGetInfoRet((byte) 1, 8L << 20, 2L << 20, (short) 2, 0xabcdefL));
        assertThat(hex(m.toFrame())).isEqualTo(hex(hex(frame)));
    }

    @Test
    void rpcgenCharsAreFourBytesEach() throws XdrException {
        // remote_node_get_info_ret: char model[32] is 32 four-byte integers, not 32 bytes
        StringBuilder model = new StringBuilder();
        String name = "i686";
        for (int i = 0; i < 32; i++) {
            model.append(String.format("%08x", i < name.length() ? (int) name.charAt(i) : 0));
        }
        byte[] payload = hex(model + "0000000000300000 00000010 00000578 00000001 00000002 00000004 00000002");
        RemoteNodeGetInfoRet info = RemoteNodeGetInfoRet.CODEC.decodeAll(new org.jvirt.proxy.protocol.xdr.XdrReader(payload));
        assertThat(new String(info.model(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("i686");
        assertThat(info.model()).hasSize(32);
        assertThat(info.memory()).isEqualTo(3L << 20);
        assertThat(info.mhz()).isEqualTo(1400);
        assertThat(RemoteNodeGetInfoRet.CODEC.toBytes(info)).isEqualTo(payload);
    }

    @Test
    void domainsAndTypedParameters() throws XdrException {
        byte[] uuid = hex("6695eb01f6a4834ae7a2e0c28f6a7a1c".replace(" ", ""));
        String payload = "00000001 | 00000004 74657374 | 6695eb01 f6a4834a e7a2e0c2 8f6a7a1c | 00000001 | 00000001";
        RemoteConnectListAllDomainsRet ret = RemoteConnectListAllDomainsRet.CODEC.decodeAll(
                new org.jvirt.proxy.protocol.xdr.XdrReader(hex(payload)));
        assertThat(ret.domains()).containsExactly(new RemoteNonnullDomain("test", uuid, 1));
        assertThat(ret.ret()).isEqualTo(1);

        RemoteTypedParam weight = new RemoteTypedParam("weight", new RemoteTypedParamValue.VirTypedParamUint(50));
        assertThat(hex(RemoteTypedParam.CODEC.toBytes(weight))).isEqualTo("00000006776569676874000000000002" + "00000032");
        RemoteTypedParam d = new RemoteTypedParam("x", new RemoteTypedParamValue.VirTypedParamDouble(0.5));
        assertThat(hex(RemoteTypedParam.CODEC.toBytes(d))).isEqualTo("0000000178000000" + "00000005" + "3fe0000000000000");
    }

    @Test
    void anErrorReply() throws XdrException {
        Message call = Message.decodeFrame(hex(CONNECT_OPEN));
        VirNetMessageError err = new VirNetMessageError(29, 10,
                Optional.of("operation forbidden: read only access prevents virDomainDestroy"), 2,
                Optional.empty(), Optional.of("read only access prevents virDomainDestroy"), Optional.empty(),
                Optional.empty(), 0, 0, Optional.empty());
        Message reply = call.errorReply(err);
        assertThat(reply.header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_ERROR);
        assertThat(reply.header().serial()).isEqualTo(2);
        byte[] frame = reply.toFrame();
        Message back = Message.decodeFrame(frame);
        assertThat(back).isEqualTo(reply);
        assertThat(back.payload(VirNetMessageError.CODEC)).isEqualTo(err);
        // code, domain, then the message as an optional string: presence word 1, length, bytes
        assertThat(hex(frame).substring(56, 88)).isEqualTo("0000001d0000000a000000010000003f");
    }

    @Test
    void malformedXdrIsAnXdrExceptionWithItsOffset() {
        // a string over REMOTE_STRING_MAX (4194304), counted from the frame's first byte
        String over = "00000024 | 20008086 00000001 00000001 00000000 00000002 00000000 | 00000001 00400001";
        assertThatThrownBy(() -> Message.decodeFrame(hex(over)).payload(RemoteConnectOpenArgs.CODEC))
                .isInstanceOf(XdrException.class)
                .hasMessage("remote_nonnull_string: length 4194305 exceeds the maximum 4194304 (at offset 32)");
        String negative = "00000024 | 20008086 00000001 00000001 00000000 00000002 00000000 | 00000001 ffffffff";
        assertThatThrownBy(() -> Message.decodeFrame(hex(negative)).payload(RemoteConnectOpenArgs.CODEC))
                .isInstanceOf(XdrException.class).hasMessageContaining("length 4294967295 exceeds the maximum");
        String twoGig = "00000024 | 20008086 00000001 00000001 00000000 00000002 00000000 | 00000001 7fffffff";
        assertThatThrownBy(() -> Message.decodeFrame(hex(twoGig)).payload(RemoteConnectOpenArgs.CODEC))
                .isInstanceOf(XdrException.class).hasMessageContaining("length 2147483647 exceeds the maximum");
        // an array over its bound: REMOTE_DOMAIN_LIST_MAX is 16384
        assertThatThrownBy(() -> RemoteConnectListAllDomainsRet.CODEC.decodeAll(
                new org.jvirt.proxy.protocol.xdr.XdrReader(hex("00004001"))))
                .isInstanceOf(XdrException.class)
                .hasMessage("remote_connect_list_all_domains_ret.domains: length 16385 exceeds the maximum 16384 (at offset 0)");
        // within the bound, but more than the bytes left can hold
        assertThatThrownBy(() -> RemoteConnectListAllDomainsRet.CODEC.decodeAll(
                new org.jvirt.proxy.protocol.xdr.XdrReader(hex("00004000 00000000"))))
                .isInstanceOf(XdrException.class).hasMessageContaining("claims more than the 4 bytes left");
        // a header whose type names no virNetMessageType: the offset is the type's, in the frame
        String badType = "0000001c | 20008086 00000001 00000001 00000009 00000002 00000000";
        assertThatThrownBy(() -> Message.decodeFrame(hex(badType))).isInstanceOf(XdrException.class)
                .hasMessage("virNetMessageType: 9 is not a member (at offset 16)");
        assertThatThrownBy(() -> Message.decodeFrame(hex("0000001d | 20008086 00000001 00000001 00000000 00000002 00000000")))
                .isInstanceOf(XdrException.class).hasMessageContaining("does not match the 28 bytes given");
    }

    @Test
    void limitsAreLibvirts() {
        assertThat(List.of(ProtocolLimits.LENGTH_WORD, ProtocolLimits.HEADER, ProtocolLimits.MESSAGE_MAX,
                ProtocolLimits.PAYLOAD_MAX, ProtocolLimits.INITIAL, ProtocolLimits.FRAME_MAX))
                .containsExactly(4, 24, 32 << 20, (32 << 20) - 24, 64 << 10, (32 << 20) + 4);
    }
}
