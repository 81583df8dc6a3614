package org.jvirt.proxy.daemon.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.proxy.daemon.robust.Replies.frame;
import static org.jvirt.proxy.daemon.robust.Replies.words;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.ProtocolLimits;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.remote.RemoteConnectGetTypeRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameArgs;
import org.jvirt.proxy.protocol.remote.RemoteDomainLookupByNameRet;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.remote.RemoteProtocol;

/**
 * Bad input against a running daemon, each case sent to jvirtd and to Debian's libvirtd alike, with
 * the outcome libvirtd's code gives (virnetserverclient.c, virnetserver.c, virnetserverprogram.c):
 * a frame that cannot be framed or whose header cannot be read closes that one connection; a call
 * libvirtd cannot serve gets an error reply and the connection stays up; a message that is not a call
 * gets no reply at all. After every case the daemon serves another client normally.
 */
class BadInputTest {
    private static final int PROGRAM = RemoteProtocol.REMOTE_PROGRAM;
    private static final int VERSION = RemoteProtocol.REMOTE_PROTOCOL_VERSION;
    private static final int CALL = 0;
    private static final int OK = 0;
    private static final int GET_TYPE = RemoteProcedure.REMOTE_PROC_CONNECT_GET_TYPE.number();
    private static final int LOOKUP_BY_NAME = RemoteProcedure.REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME.number();

    @TempDir
    static Path dir;

    private static final Map<String, Served> DAEMONS = new HashMap<>();

    static synchronized Served daemon(String name) throws IOException, InterruptedException {
        Served s = DAEMONS.get(name);
        if (s == null) {
            s = name.equals("jvirtd") ? Served.jvirtd(dir) : Served.libvirtd(dir);
            DAEMONS.put(name, s);
        }
        return s;
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Served s : DAEMONS.values()) {
            s.close();
        }
        DAEMONS.clear();
    }

    // --- frames that cannot be framed: the connection closes ---

    @ParameterizedTest
    @ValueSource(strings = {"jvirtd", "libvirtd"})
    void unframeableLengthsCloseThatConnection(String name) throws Exception {
        Served d = daemon(name);
        byte[][] cases = {
            words(0),                                            // length 0
            words(0x80000000),                                   // negative as a signed word
            words(0xffffffff),
            words(ProtocolLimits.FRAME_MAX + 1),                 // over libvirt's limit
            concat(words(20), new byte[16]),                     // below the header: 16 bytes cannot be a header
            words(4),                                            // the length word alone, no header at all
        };
        for (byte[] bad : cases) {
            try (WireClient c = d.openClient()) {
                c.sendRaw(bad);
                WireClient.await(c.closed(), Served.DEADLINE);
            }
            d.assertServesAnotherClient();
        }
        d.assertClientCountReaches(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvirtd", "libvirtd"})
    void aTruncatedHeaderThenCloseLeavesNothingBehind(String name) throws Exception {
        Served d = daemon(name);
        try (WireClient c = d.openClient()) {
            c.sendRaw(Arrays.copyOf(words(28, PROGRAM, VERSION), 10)); // says 28, gives 10, then goes
        }
        d.assertServesAnotherClient();
        d.assertClientCountReaches(0);
    }

    // --- calls that cannot be served: an error reply, the connection stays up ---

    @ParameterizedTest
    @ValueSource(strings = {"jvirtd", "libvirtd"})
    void aWrongProgramOrVersionIsAnsweredCannotFindProgram(String name) throws Exception {
        Served d = daemon(name);
        try (WireClient c = d.openClient()) {
            assertRpcError(c, frame(0x12345678, VERSION, GET_TYPE, CALL, 1000, OK, new byte[0]), 1000,
                    "Cannot find program 305419896 version 1");
            assertRpcError(c, frame(PROGRAM, 2, GET_TYPE, CALL, 1001, OK, new byte[0]), 1001,
                    "Cannot find program 536903814 version 2");
            // keepalive is a program of messages, not of calls
            assertRpcError(c, frame(KeepaliveProcedure.PROGRAM, KeepaliveProcedure.VERSION,
                            KeepaliveProcedure.KEEPALIVE_PROC_PING.number(), CALL, 1002, OK, new byte[0]), 1002,
                    "Cannot find program 1801807216 version 1");
            assertStillServes(c);
        }
        d.assertServesAnotherClient();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvirtd", "libvirtd"})
    void anUnknownProcedureIsAnsweredUnknownProcedure(String name) throws Exception {
        Served d = daemon(name);
        try (WireClient c = d.openClient()) {
            assertRpcError(c, frame(PROGRAM, VERSION, 99999, CALL, 1000, OK, new byte[0]), 1000, "unknown procedure: 99999");
            assertRpcError(c, frame(PROGRAM, VERSION, -1, CALL, 1001, OK, new byte[0]), 1001, "unknown procedure: -1");
            assertRpcError(c, frame(PROGRAM, VERSION, 0, CALL, 1002, OK, new byte[0]), 1002, "unknown procedure: 0");
            assertStillServes(c);
        }
        d.assertServesAnotherClient();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvirtd", "libvirtd"})
    void aCallWhoseStatusIsNotOkIsAnsweredUnexpectedStatus(String name) throws Exception {
        Served d = daemon(name);
        try (WireClient c = d.openClient()) {
            assertRpcError(c, frame(PROGRAM, VERSION, GET_TYPE, CALL, 1000, 1, new byte[0]), 1000, "Unexpected message status 1");
            assertRpcError(c, frame(PROGRAM, VERSION, GET_TYPE, CALL, 1001, 2, new byte[0]), 1001, "Unexpected message status 2");
            assertRpcError(c, frame(PROGRAM, VERSION, GET_TYPE, CALL, 1002, 77, new byte[0]), 1002, "Unexpected message status 77");
            assertStillServes(c);
        }
        d.assertServesAnotherClient();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvirtd", "libvirtd"})
    void stringsAndArraysOverTheirLimitsAreAnsweredUnableToDecode(String name) throws Exception {
        Served d = daemon(name);
        try (WireClient c = d.openClient()) {
            // remote_nonnull_string name<REMOTE_STRING_MAX>: one byte more is declared (and a few sent)
            assertRpcError(c, frame(PROGRAM, VERSION, LOOKUP_BY_NAME, CALL, 1000, OK,
                    words(RemoteProtocol.REMOTE_STRING_MAX + 1, 0x74657374)), 1000, "Unable to decode message payload");
            // a string that says more than the frame holds
            assertRpcError(c, frame(PROGRAM, VERSION, LOOKUP_BY_NAME, CALL, 1001, OK, words(64, 0x74657374)), 1001,
                    "Unable to decode message payload");
            // remote_typed_param params<REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX>: 17 of 16
            byte[] dom = concat(words(4, 0x74657374), new byte[16], words(1));
            assertRpcError(c, frame(PROGRAM, VERSION, RemoteProcedure.REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS.number(), CALL,
                    1002, OK, concat(dom, words(RemoteProtocol.REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX + 1))), 1002,
                    "Unable to decode message payload");
            // an array count that is negative as a signed word
            assertRpcError(c, frame(PROGRAM, VERSION, RemoteProcedure.REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS.number(), CALL,
                    1003, OK, concat(dom, words(0x80000000))), 1003, "Unable to decode message payload");
            assertStillServes(c);
        }
        d.assertServesAnotherClient();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvirtd", "libvirtd"})
    void trailingBytesAfterTheArgumentsAreIgnored(String name) throws Exception {
        Served d = daemon(name);
        try (WireClient c = d.openClient()) {
            // libvirtd decodes the arguments and does not look at what follows them
            Message type = WireClient.await(c.sendExpectingReply(
                    frame(PROGRAM, VERSION, GET_TYPE, CALL, 1000, OK, words(1, 2)), 1000), Served.DEADLINE);
            assertThat(Replies.ok(type, RemoteConnectGetTypeRet.CODEC).type()).isEqualTo(assertStillServes(c));
            byte[] lookup = concat(RemoteDomainLookupByNameArgs.CODEC.toBytes(new RemoteDomainLookupByNameArgs("test")), words(7));
            Message found = WireClient.await(c.sendExpectingReply(
                    frame(PROGRAM, VERSION, LOOKUP_BY_NAME, CALL, 1001, OK, lookup), 1001), Served.DEADLINE);
            assertThat(Replies.ok(found, RemoteDomainLookupByNameRet.CODEC).dom().name()).isEqualTo("test");
        }
        d.assertServesAnotherClient();
    }

    // --- messages that are not calls: no reply, the connection stays up ---

    @ParameterizedTest
    @ValueSource(strings = {"jvirtd", "libvirtd"})
    void messagesOtherThanCallsAreDroppedUnanswered(String name) throws Exception {
        Served d = daemon(name);
        try (WireClient c = d.openClient()) {
            int serial = 2000;
            for (int type : new int[] {1, 2, 3, 5, 6, 7, 99, -1}) { // REPLY, MESSAGE, STREAM, REPLY_WITH_FDS, STREAM_HOLE, none
                assertUnanswered(c, frame(PROGRAM, VERSION, GET_TYPE, type, serial, OK, new byte[0]), serial++);
                assertUnanswered(c, frame(PROGRAM, VERSION, GET_TYPE, type, serial, 1, words(1)), serial++);
            }
            assertUnanswered(c, frame(0x12345678, VERSION, GET_TYPE, 2, serial, OK, new byte[0]), serial++);
            assertUnanswered(c, frame(PROGRAM, 9, GET_TYPE, 1, serial, OK, new byte[0]), serial++);
            // keepalive messages of unknown procedures are ignored too
            assertUnanswered(c, frame(KeepaliveProcedure.PROGRAM, KeepaliveProcedure.VERSION, 77, 2, serial, OK, new byte[0]),
                    serial++);
            assertStillServes(c);
            assertThat(c.strays()).isEmpty();
        }
        d.assertServesAnotherClient();
    }

    // --- helpers ---

    private static void assertRpcError(WireClient c, byte[] bad, int serial, String message) {
        Message reply = WireClient.await(c.sendExpectingReply(bad, serial), Served.DEADLINE);
        VirNetMessageError e = Replies.error(reply);
        assertThat(e.message()).hasValue(message);
        assertThat(e.code()).isEqualTo(ErrorCode.RPC.number());
        assertThat(e.domain()).isEqualTo(ErrorDomain.RPC.number());
        assertThat(reply.header().serial()).isEqualTo(serial);
    }

    /**
     * Sends {@code bad}, then two calls one after the other: both are answered, and nothing answers
     * {@code bad} — a reply to it would have come before the second call's.
     */
    private static void assertUnanswered(WireClient c, byte[] bad, int serial) throws IOException {
        CompletableFuture<Message> none = c.sendExpectingReply(bad, serial);
        assertStillServes(c);
        assertStillServes(c);
        assertThat(none).as("a reply to a message that is not a call").isNotDone();
    }

    /** A well-formed call is answered; returns the connection's type, as it answers. */
    private static String assertStillServes(WireClient c) {
        Message m = WireClient.await(c.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_TYPE, new byte[0]), Served.DEADLINE);
        String type = Replies.ok(m, RemoteConnectGetTypeRet.CODEC).type();
        assertThat(type).isNotEmpty();
        return type;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
