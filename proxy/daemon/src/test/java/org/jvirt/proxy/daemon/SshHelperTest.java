package org.jvirt.proxy.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.protocol.FrameDecoder;
import org.jvirt.proxy.protocol.FrameReader;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.remote.RemoteConnectGetTypeRet;
import org.jvirt.proxy.protocol.remote.RemoteConnectOpenArgs;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jvirt-ssh-helper bridges its standard streams to jvirtd's socket, and says why when it cannot. */
class SshHelperTest {
    @TempDir
    Path dir;

    @Test
    void bridgesACallAndEndsWhenTheClientDoes() throws Exception {
        try (RunningJvirtd d = RunningJvirtd.start(dir)) {
            PipedOutputStream client = new PipedOutputStream();
            PipedInputStream helperIn = new PipedInputStream(client, 65536);
            PipedInputStream fromHelper = new PipedInputStream(65536);
            PipedOutputStream helperOut = new PipedOutputStream(fromHelper);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> SshHelper.run(
                    new String[] {"--socket", d.socket().toString()}, helperIn, helperOut, new PrintStream(err, true)));

            var out = Channels.newChannel(client);
            FrameReader replies = new FrameReader(Channels.newChannel(fromHelper), new FrameDecoder());
            Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_OPEN, 0, RemoteConnectOpenArgs.CODEC,
                    new RemoteConnectOpenArgs(Optional.of("test:///default"), 0)).writeTo(out);
            assertThat(replies.next().orElseThrow().header().status()).isEqualTo(VirNetMessageStatus.VIR_NET_OK);
            Message.call(RemoteProcedure.REMOTE_PROC_CONNECT_GET_TYPE, 1, new byte[0]).writeTo(out);
            assertThat(replies.next().orElseThrow().payload(RemoteConnectGetTypeRet.CODEC).type()).isEqualTo("TEST");

            client.close(); // the client's end: the daemon hears it, closes, and the helper ends
            assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void aMissingSocketIsNamedAsVirtSshHelperNamesIt() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path missing = dir.resolve("no-such-sock");
        int status = SshHelper.run(new String[] {"--socket", missing.toString()}, InputStreamOfNothing.INSTANCE,
                new ByteArrayOutputStream(), new PrintStream(err, true));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("jvirt-ssh-helper: cannot connect to '" + missing
                + "': Failed to connect socket to '" + missing + "': No such file or directory\n");
    }

    @Test
    void theUriLeadsToJvirtdsSocketsAsConfigured() throws IOException {
        Path conf = Files.writeString(dir.resolve("jvirtd.conf"), "unix_sock_dir = \"" + dir.resolve("run") + "\"\n");
        assertThat(SshHelper.socket(new String[] {"--config", conf.toString(), "qemu:///system"}))
                .isEqualTo(dir.resolve("run/libvirt-sock"));
        assertThat(SshHelper.socket(new String[] {"-r", "--config", conf.toString(), "test:///default"}))
                .isEqualTo(dir.resolve("run/libvirt-sock-ro"));
        if (!Files.exists(Path.of(SshHelper.DEFAULT_CONFIG))) {
            assertThat(SshHelper.socket(new String[] {"qemu+unix:///system"}))
                    .isEqualTo(DaemonConfig.defaultSocketDir().resolve("libvirt-sock"));
        }
    }

    @Test
    void wrongArgumentsAreRefused() {
        assertThatThrownBy(() -> SshHelper.socket(new String[0])).hasMessage("expected one URI, not 0");
        assertThatThrownBy(() -> SshHelper.socket(new String[] {"qemu+ssh://h/system"}))
                .hasMessage("unexpected URI transport 'qemu+ssh://h/system'");
        assertThatThrownBy(() -> SshHelper.socket(new String[] {"--bogus", "x:///"})).hasMessage("unknown option '--bogus'");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(SshHelper.run(new String[] {"--socket"}, InputStreamOfNothing.INSTANCE, new ByteArrayOutputStream(),
                new PrintStream(err, true))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("jvirt-ssh-helper: --socket needs a value\nusage: ");
    }

    /** An empty standard input. */
    private static final class InputStreamOfNothing extends java.io.InputStream {
        static final InputStreamOfNothing INSTANCE = new InputStreamOfNothing();

        @Override
        public int read() {
            return -1;
        }
    }
}
