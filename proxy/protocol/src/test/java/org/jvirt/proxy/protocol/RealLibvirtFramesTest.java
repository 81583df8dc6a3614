package org.jvirt.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.protocol.net.VirNetMessageError;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.xdr.XdrCodec;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/**
 * Frames real libvirt sends: virsh and python3-libvirt talk to Debian's libvirtd through a relay
 * that records both directions; every frame must decode with the generated codecs and encode back
 * to the same bytes.
 */
class RealLibvirtFramesTest {
    @TempDir
    static Path dir;
    static Libvirtd daemon;
    static final List<byte[]> framesFromClients = new ArrayList<>();
    static final List<byte[]> framesFromDaemon = new ArrayList<>();
    static final List<String> clientOutput = new ArrayList<>();

    @BeforeAll
    static void capture() throws Exception {
        Libvirtd.require(Files.isExecutable(Path.of("/usr/bin/virsh")), "virsh is not installed (Debian: apt-get install libvirt-clients)");
        Libvirtd.require(pythonLibvirt(), "/usr/bin/python3 cannot import libvirt (Debian: apt-get install python3-libvirt)");
        daemon = Libvirtd.start(dir);
        Path relaySocket = dir.resolve("relay.sock");
        Relay relay = new Relay(relaySocket, daemon.socket());
        try {
            String uri = "test+unix:///default?socket=" + relaySocket;
            clientOutput.add(run(List.of("virsh", "-c", uri, "list", "--all")));
            clientOutput.add(run(List.of("virsh", "-c", uri, "dominfo", "test")));
            clientOutput.add(run(List.of("virsh", "-c", uri, "domstats", "test")));
            Path script = dir.resolve("clients.py");
            try (InputStream in = RealLibvirtFramesTest.class.getResourceAsStream("clients.py")) {
                Files.write(script, in.readAllBytes());
            }
            clientOutput.add(run(List.of("/usr/bin/python3", script.toString(), relaySocket.toString())));
        } finally {
            relay.close();
        }
        for (Relay.Conversation c : relay.conversations()) {
            framesFromClients.addAll(frames(c.fromClient.toByteArray()));
            framesFromDaemon.addAll(frames(c.fromDaemon.toByteArray()));
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static boolean pythonLibvirt() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import libvirt").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        assertThat(p.exitValue()).as(command + " exit status; output:\n" + out).isZero();
        return out;
    }

    /** The stream cut into whole frames, length word included. */
    private static List<byte[]> frames(byte[] stream) throws IOException {
        List<byte[]> out = new ArrayList<>();
        FrameReader r = new FrameReader(new ByteArrayInputStream(stream));
        for (Optional<byte[]> body = r.nextFrame(); body.isPresent(); body = r.nextFrame()) {
            byte[] frame = new byte[body.get().length + 4];
            int n = frame.length;
            frame[0] = (byte) (n >>> 24);
            frame[1] = (byte) (n >>> 16);
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
            System.arraycopy(body.get(), 0, frame, 4, body.get().length);
            out.add(frame);
        }
        return out;
    }

    @Test
    void theClientsGotTheirAnswers() {
        assertThat(clientOutput.get(0)).contains("test").contains("running");
        assertThat(clientOutput.get(1)).contains("OS Type:        linux").contains("Security model: testSecurity");
        assertThat(clientOutput.get(2)).contains("state.state=1");
        assertThat(clientOutput.get(3)).contains("info [1,").contains("events [('test', 3), ('test', 4)]")
                .contains("error 42");
    }

    @Test
    void everyFrameDecodesAndEncodesBackToTheSameBytes() throws Exception {
        List<byte[]> all = new ArrayList<>(framesFromClients);
        all.addAll(framesFromDaemon);
        assertThat(framesFromClients).hasSizeGreaterThan(50);
        assertThat(framesFromDaemon).hasSizeGreaterThan(50);
        int typed = 0;
        for (byte[] frame : all) {
            Message m = Message.decodeFrame(frame);
            assertThat(m.toFrame()).as(m.toString()).isEqualTo(frame);
            Optional<XdrCodec<?>> codec = Payloads.codecFor(m.header());
            assertThat(codec).as("a payload type for " + m).isPresent();
            Object value = m.payload(codec.get());
            assertThat(Payloads.encode(codec.get(), value)).as(m + " payload " + value).isEqualTo(m.payload());
            typed += value == null ? 0 : 1;
        }
        assertThat(typed).isGreaterThan(all.size() / 2);
    }

    @Test
    void theCapturedCallsAreTheOnesLibvirtsClientsAreKnownToMake() throws Exception {
        TreeSet<String> calls = new TreeSet<>();
        for (byte[] f : framesFromClients) {
            Message m = Message.decodeFrame(f);
            assertThat(m.header().type()).isEqualTo(VirNetMessageType.VIR_NET_CALL);
            ProcedureTable.forProgram(m.header().prog(), m.header().vers()).flatMap(t -> t.byNumber(m.header().proc()))
                    .map(XdrProcedure::constantName).ifPresent(calls::add);
        }
        assertThat(calls).contains("REMOTE_PROC_AUTH_LIST", "REMOTE_PROC_CONNECT_OPEN", "REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS",
                "REMOTE_PROC_DOMAIN_GET_STATE", "REMOTE_PROC_DOMAIN_GET_INFO", "REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME",
                "REMOTE_PROC_CONNECT_CLOSE", "REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS",
                "REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS", "REMOTE_PROC_DOMAIN_SUSPEND");
    }

    @Test
    void errorRepliesAndEventsWereAmongThem() throws Exception {
        List<VirNetMessageError> errors = new ArrayList<>();
        TreeSet<String> events = new TreeSet<>();
        for (byte[] f : framesFromDaemon) {
            Message m = Message.decodeFrame(f);
            if (m.header().status() == VirNetMessageStatus.VIR_NET_ERROR) {
                errors.add(m.payload(VirNetMessageError.CODEC));
            }
            if (m.header().type() == VirNetMessageType.VIR_NET_MESSAGE) {
                events.add(ProcedureTable.remote().byNumber(m.header().proc()).orElseThrow().constantName());
            }
        }
        // VIR_ERR_NO_DOMAIN, from the lookup of a domain that does not exist
        assertThat(errors).extracting(VirNetMessageError::code).contains(42);
        assertThat(errors).filteredOn(e -> e.code() == 42).first()
                .satisfies(e -> assertThat(e.message().orElseThrow()).contains("Domain not found"));
        assertThat(events).contains("REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE");
    }
}
