package org.jvirt.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.remote.RemoteConnectGetAllDomainStatsRet;
import org.jvirt.proxy.protocol.remote.RemoteConnectListAllDomainsRet;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainEventCallbackLifecycleMsg;
import org.jvirt.proxy.protocol.remote.RemoteDomainEventLifecycleMsg;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetInfoRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainGetSchedulerParametersRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainStatsRecord;
import org.jvirt.proxy.protocol.remote.RemoteNodeGetSecurityModelRet;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.remote.RemoteTypedParam;
import org.jvirt.proxy.protocol.remote.RemoteTypedParamValue;
import org.jvirt.proxy.protocol.xdr.XdrCodec;
import org.jvirt.proxy.protocol.xdr.XdrException;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/**
 * Random and mutated bytes through the whole decoding path — framing, header, payload by the
 * procedure's codec: the only failures are {@link FrameException} and {@link XdrException}, and
 * whatever decodes encodes back to exactly the bytes it came from (XDR as libvirt writes it has one
 * encoding for each value, and the decoder accepts no other).
 */
class DecoderFuzzTest {
    static final RemoteNonnullDomain DOM = new RemoteNonnullDomain("test",
            Bytes.hex("6695eb01f6a4830479aa97f2502e193f"), 1);
    static final List<RemoteTypedParam> PARAMS = List.of(
            new RemoteTypedParam("i", new RemoteTypedParamValue.VirTypedParamInt(-1)),
            new RemoteTypedParam("ui", new RemoteTypedParamValue.VirTypedParamUint(7)),
            new RemoteTypedParam("l", new RemoteTypedParamValue.VirTypedParamLlong(-2)),
            new RemoteTypedParam("ul", new RemoteTypedParamValue.VirTypedParamUllong(3)),
            new RemoteTypedParam("d", new RemoteTypedParamValue.VirTypedParamDouble(0.25)),
            new RemoteTypedParam("b", new RemoteTypedParamValue.VirTypedParamBoolean(1)),
            new RemoteTypedParam("s", new RemoteTypedParamValue.VirTypedParamString("weight")));

    /** Valid frames of many shapes: the seeds of mutation. */
    static final List<byte[]> SEEDS = List.of(
            Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, 0, RemoteConnectOpenArgs.CODEC,
                    new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)).toFrame(),
            reply(RemoteProcedure.REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, RemoteConnectListAllDomainsRet.CODEC,
                    new RemoteConnectListAllDomainsRet(List.of(DOM, DOM), 2)),
            reply(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_INFO, RemoteDomainGetInfoRet.CODEC,
                    new RemoteDomainGetInfoRet((byte) 1, 8 << 20, 2 << 20, (short) 2, 123456789L)),
            reply(RemoteProcedure.REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS, RemoteDomainGetSchedulerParametersRet.CODEC,
                    new RemoteDomainGetSchedulerParametersRet(PARAMS)),
            reply(RemoteProcedure.REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS, RemoteConnectGetAllDomainStatsRet.CODEC,
                    new RemoteConnectGetAllDomainStatsRet(List.of(new RemoteDomainStatsRecord(DOM, PARAMS)))),
            reply(RemoteProcedure.REMOTE_PROC_NODE_GET_SECURITY_MODEL, RemoteNodeGetSecurityModelRet.CODEC,
                    new RemoteNodeGetSecurityModelRet("testSecurity\0".getBytes(), new byte[] {0})),
            Message.call(RemoteProcedure.REMOTE_PROC_DOMAIN_DESTROY, 9, new byte[0]).errorReply(
                    new VirNetMessageError(29, 10, Optional.of("operation forbidden"), 2, Optional.empty(),
                            Optional.of("x"), Optional.empty(), Optional.empty(), 0, 0, Optional.empty())).toFrame(),
            new Message(new VirNetMessageHeader(RemoteProcedure.PROGRAM, RemoteProcedure.VERSION,
                    RemoteProcedure.REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE.number(), VirNetMessageType.VIR_NET_MESSAGE, 0,
                    VirNetMessageStatus.VIR_NET_OK), RemoteDomainEventCallbackLifecycleMsg.CODEC.toBytes(
                    new RemoteDomainEventCallbackLifecycleMsg(1, new RemoteDomainEventLifecycleMsg(DOM, 3, 0)))).toFrame(),
            new Message(new VirNetMessageHeader(KeepaliveProcedure.PROGRAM, KeepaliveProcedure.VERSION,
                    KeepaliveProcedure.KEEPALIVE_PROC_PING.number(), VirNetMessageType.VIR_NET_MESSAGE, 0,
                    VirNetMessageStatus.VIR_NET_OK), new byte[0]).toFrame());

    static <T> byte[] reply(XdrProcedure p, XdrCodec<T> codec, T value) {
        return Message.call(p, 5, new byte[0]).reply(codec.toBytes(value)).toFrame();
    }

    /** Decodes every frame of {@code stream}; returns how many decoded whole, failing on anything but the two expected exceptions. */
    static int decodeAll(byte[] stream) {
        int whole = 0;
        FrameReader r = new FrameReader(java.nio.channels.Channels.newChannel(new ByteArrayInputStream(stream)), new FrameDecoder());
        try {
            for (Optional<byte[]> body = r.nextFrame(); body.isPresent(); body = r.nextFrame()) {
                Message m = Message.decode(body.get());
                Optional<XdrCodec<?>> codec = Payloads.codecFor(m.header());
                if (codec.isPresent()) {
                    Object value = m.payload(codec.get());
                    assertThat(Payloads.encode(codec.get(), value)).isEqualTo(m.payload());
                }
                byte[] again = m.toFrame();
                assertThat(Arrays.copyOfRange(again, 4, again.length)).isEqualTo(body.get());
                whole++;
            }
        } catch (FrameException | XdrException expected) {
            // malformed input, reported as such
        } catch (IOException e) {
            throw new AssertionError("an unexpected I/O failure on an in-memory stream", e);
        }
        return whole;
    }

    @Property(tries = 2000)
    void randomBytes(@ForAll @Size(max = 512) byte[] stream) {
        decodeAll(stream);
    }

    @Property(tries = 2000)
    void randomPayloadsUnderValidHeaders(@ForAll("procedures") XdrProcedure p, @ForAll("types") VirNetMessageType type,
                                         @ForAll boolean error, @ForAll @Size(max = 256) byte[] payload) {
        Message m = new Message(new VirNetMessageHeader(p.program(), p.version(), p.number(), type, 1,
                error ? VirNetMessageStatus.VIR_NET_ERROR : VirNetMessageStatus.VIR_NET_OK), payload);
        decodeAll(m.toFrame());
    }

    @Property(tries = 3000)
    void mutatedFrames(@ForAll("mutated") byte[] stream) {
        decodeAll(stream);
    }

    @Property(tries = 200)
    void theSeedsThemselvesDecode(@ForAll("seed") byte[] frame) {
        assertThat(decodeAll(frame)).isEqualTo(1);
    }

    @Provide
    Arbitrary<XdrProcedure> procedures() {
        return Arbitraries.of(ProcedureTable.remote().all());
    }

    @Provide
    Arbitrary<VirNetMessageType> types() {
        return Arbitraries.of(VirNetMessageType.VIR_NET_CALL, VirNetMessageType.VIR_NET_REPLY, VirNetMessageType.VIR_NET_MESSAGE);
    }

    @Provide
    Arbitrary<byte[]> seed() {
        return Arbitraries.of(SEEDS);
    }

    /** A seed with a few mutations: a byte changed, a word replaced by a length-like value, a cut, a splice. */
    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<Mutation> one = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes())
                        .as((at, v) -> (Mutation) f -> set(f, at, v)),
                Combinators.combine(Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.of(0, 1, 2, -1, 0x7fffffff, 0x80000000, 0x00400001, 0x00004001, 0x02000005, 28, 27))
                        .as((at, v) -> (Mutation) f -> word(f, at, v)),
                Arbitraries.integers().greaterOrEqual(0).map(at -> (Mutation) f -> Arrays.copyOf(f, at % (f.length + 1))),
                Arbitraries.of(SEEDS).map(other -> (Mutation) f -> concat(f, other)));
        return Combinators.combine(Arbitraries.of(SEEDS), one.list().ofMinSize(1).ofMaxSize(4)).as((seed, ms) -> {
            byte[] f = seed.clone();
            for (Mutation m : ms) {
                f = m.apply(f);
            }
            return f;
        });
    }

    interface Mutation {
        byte[] apply(byte[] frame);
    }

    static byte[] set(byte[] f, int at, byte v) {
        if (f.length > 0) {
            f[at % f.length] = v;
        }
        return f;
    }

    static byte[] word(byte[] f, int at, int v) {
        if (f.length >= 4) {
            int i = (at % (f.length / 4)) * 4;
            f[i] = (byte) (v >>> 24);
            f[i + 1] = (byte) (v >>> 16);
            f[i + 2] = (byte) (v >>> 8);
            f[i + 3] = (byte) v;
        }
        return f;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
