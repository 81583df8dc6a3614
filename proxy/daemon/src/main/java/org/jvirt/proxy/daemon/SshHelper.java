package org.jvirt.proxy.daemon;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.daemon.config.ConfigFile;
import org.jvirt.proxy.daemon.config.DaemonConfig;

/**
 * {@code jvirt-ssh-helper}: jvirt's counterpart of libvirt's {@code virt-ssh-helper}, for hosts that run jvirtd
 * without libvirt. A client's ssh runs it on the far side (jvirt's remote driver does when virt-ssh-helper is not
 * there); it connects to jvirtd's unix socket and copies its standard input to the socket and the socket to its
 * standard output until the daemon closes the connection.
 *
 * <pre>
 * jvirt-ssh-helper [-r|--readonly] [--config FILE] URI   jvirtd's socket (read-only one with -r)
 * jvirt-ssh-helper --socket PATH                        the socket at PATH
 * </pre>
 * The URI is the one the client will open, taken as virt-ssh-helper takes it; jvirtd serves every URI on its one
 * pair of sockets, so it does not choose the socket. jvirtd's socket directory is the configuration file's
 * {@code unix_sock_dir} ({@code --config}, else {@value #DEFAULT_CONFIG} when it exists), else jvirtd's default
 * ({@code /run/libvirt} as root, {@code $XDG_RUNTIME_DIR/libvirt} otherwise). Exits 0 when the daemon ends the
 * connection, 1 with a message on standard error when the socket cannot be reached or the arguments are wrong.
 */
public final class SshHelper {
    /** The configuration file jvirtd's packaging installs. */
    public static final String DEFAULT_CONFIG = "/etc/jvirt/jvirtd.conf";
    private static final String NAME = "jvirt-ssh-helper";
    private static final String USAGE = "usage: " + NAME + " [-r|--readonly] [--config FILE] URI\n"
            + "       " + NAME + " --socket PATH";

    private SshHelper() {
    }

    /** Runs the bridge on this process's standard streams and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                System.err));
    }

    /** Bridges {@code in} and {@code out} to the socket {@code args} name; the exit status. */
    static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
        Path socket;
        try {
            socket = socket(args);
        } catch (IllegalArgumentException | VirtException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println(USAGE);
            return 1;
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            err.println(NAME + ": cannot connect to '" + socket + "': Failed to connect socket to '" + socket + "': "
                    + e.getMessage());
            return 1;
        }
        try (channel) {
            Thread upstream = new Thread(() -> toDaemon(in, channel, err), NAME + " stdin");
            upstream.setDaemon(true);
            upstream.start();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (channel.read(buf.clear()) >= 0) {
                out.write(buf.array(), 0, buf.position());
                out.flush();
            }
            return 0;
        } catch (IOException e) {
            err.println(NAME + ": could not proxy traffic: " + e.getMessage());
            return 1;
        }
    }

    /** Standard input to the daemon; at its end, the daemon hears the end of the client's stream. */
    private static void toDaemon(InputStream in, SocketChannel channel, PrintStream err) {
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }
            channel.shutdownOutput();
        } catch (IOException e) {
            if (channel.isOpen()) {
                err.println(NAME + ": could not proxy traffic: " + e.getMessage());
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing is all that is left to do
                }
            }
        }
    }

    /**
     * The socket {@code args} name.
     *
     * @throws IllegalArgumentException for wrong arguments
     * @throws VirtException for a configuration file that cannot be read
     */
    static Path socket(String[] args) {
        boolean readOnly = false;
        Path config = null;
        Path socket = null;
        List<String> rest = new ArrayList<>(List.of(args));
        List<String> uris = new ArrayList<>();
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "-r", "--readonly" -> readOnly = true;
                case "--config" -> config = Path.of(value(a, rest));
                case "--socket" -> socket = Path.of(value(a, rest));
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                    uris.add(a);
                }
            }
        }
        if (socket != null) {
            if (!uris.isEmpty() || config != null) {
                throw new IllegalArgumentException("--socket takes no URI and no configuration");
            }
            return socket;
        }
        if (uris.size() != 1) {
            throw new IllegalArgumentException("expected one URI, not " + uris.size());
        }
        String uri = uris.get(0);
        int colon = uri.indexOf(':');
        String scheme = colon > 0 ? uri.substring(0, colon) : "";
        if (scheme.isEmpty() || scheme.contains("+") && !scheme.endsWith("+unix")) {
            throw new IllegalArgumentException("unexpected URI transport '" + uri + "'");
        }
        if (config == null && Files.isRegularFile(Path.of(DEFAULT_CONFIG))) {
            config = Path.of(DEFAULT_CONFIG);
        }
        DaemonConfig c = DaemonConfig.defaults(DaemonConfig.defaultSocketDir());
        if (config != null) {
            c = ConfigFile.read(config, c);
        }
        return readOnly ? c.readOnlySocket() : c.readWriteSocket();
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
