package org.jvirt.proxy.daemon.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * One listening socket of the daemon and the thread that accepts on it. A unix socket gets its mode
 * before anyone can reach it: it is bound in a private directory (0700), given its mode, and only then
 * moved to its name. A socket file left by a daemon that died is replaced; one that a running daemon
 * still answers on is not — that is an error, as libvirtd's "daemon already running".
 */
final class SocketListener implements AutoCloseable {
    private static final Logger LOG = System.getLogger(SocketListener.class.getName());

    private final ServerSocketChannel server;
    private final String name;
    private final Path path;
    private final Thread acceptor;

    private SocketListener(ServerSocketChannel server, String name, Path path, Consumer<SocketChannel> onAccept) {
        this.server = server;
        this.name = name;
        this.path = path;
        this.acceptor = new Thread(() -> acceptLoop(onAccept), "jvirtd-accept-" + name);
        this.acceptor.setDaemon(true);
    }

    /**
     * Listens on the unix socket {@code path} with mode {@code perms}.
     *
     * @throws VirtException SYSTEM_ERROR when the socket cannot be made, or another daemon answers on it
     */
    static SocketListener unix(Path path, Set<PosixFilePermission> perms, Consumer<SocketChannel> onAccept) {
        Path dir = path.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            if (Files.exists(path)) {
                if (answers(path)) {
                    throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC, "a daemon is already running on "
                            + path + "; stop it, or give jvirtd another socket directory", null, path.toString(), null);
                }
                Files.delete(path); // left by a daemon that died
            }
            Path privateDir = Files.createTempDirectory(dir, ".jvirtd-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try {
                Path staged = privateDir.resolve("sock");
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    server.bind(UnixDomainSocketAddress.of(staged), 1024);
                    Files.setPosixFilePermissions(staged, perms);
                    Files.move(staged, path, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | RuntimeException e) {
                    server.close();
                    throw e;
                }
                SocketListener l = new SocketListener(server, path.getFileName().toString(), path, onAccept);
                l.acceptor.start();
                return l;
            } finally {
                Files.deleteIfExists(privateDir.resolve("sock"));
                Files.deleteIfExists(privateDir);
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "cannot listen on " + path + ": " + e.getMessage(), null, path.toString(), e);
        }
    }

    /**
     * Listens on TCP at {@code address}:{@code port}.
     *
     * @throws VirtException SYSTEM_ERROR when the port cannot be bound
     */
    static SocketListener tcp(String address, int port, Consumer<SocketChannel> onAccept) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
            server.bind(new InetSocketAddress(address, port), 1024);
            SocketListener l = new SocketListener(server, "tcp-" + port, null, onAccept);
            l.acceptor.start();
            return l;
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "cannot listen on " + address + ":" + port + ": " + e.getMessage(), null, address, e);
        }
    }

    private static boolean answers(Path socket) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where it listens. */
    SocketAddress address() throws IOException {
        return server.getLocalAddress();
    }

    private void acceptLoop(Consumer<SocketChannel> onAccept) {
        while (true) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                // e.g. out of file descriptors: say so, and give the clients being served a moment to finish
                LOG.log(Level.WARNING, "accepting on " + name + " failed", e);
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                continue;
            }
            onAccept.accept(c);
        }
    }

    /** Stops accepting and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close();
            if (path != null) {
                Files.deleteIfExists(path);
            }
            acceptor.join(10_000);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing " + name + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
