package org.jvirt.driver.qemu;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * QEMU's migration stream carried through a unix socket in the domain's private directory, with the
 * driver at the other end copying it to or from a file: QEMU never runs a command for it
 * ({@code exec:}), which libvirt's seccomp sandbox ({@code -sandbox ...,spawn=deny}) forbids. One
 * stream per pipe; its pump runs on a thread of its own. Close it in every case: that ends a pump
 * still waiting for QEMU and removes the socket.
 */
final class MigrationPipe implements AutoCloseable {
    /** The socket's name in the private directory. */
    static final String SOCKET = "migrate.sock";

    private final Path socket;
    private final ServerSocketChannel server;
    private final CompletableFuture<Long> pumped = new CompletableFuture<>();

    private MigrationPipe(Path socket, ServerSocketChannel server) {
        this.socket = socket;
        this.server = server;
    }

    /**
     * A socket QEMU's outgoing migration ({@code migrate unix:...}) connects to; every byte it sends
     * is appended to {@code file}.
     */
    static MigrationPipe toFile(Path privateDir, Path file, String domain) throws IOException {
        Path socket = privateDir.resolve(SOCKET);
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        MigrationPipe pipe = new MigrationPipe(socket, server);
        pipe.start("migration-to-file " + domain, () -> {
            try (SocketChannel in = server.accept();
                 FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
                long total = 0;
                while (in.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        total += out.write(buf);
                    }
                    buf.clear();
                }
                return total;
            }
        });
        return pipe;
    }

    /**
     * Feeds {@code file} from {@code offset} on to the socket an incoming QEMU listens on
     * ({@code migrate-incoming unix:...}, which must have been sent).
     */
    static MigrationPipe fromFile(Path privateDir, Path file, long offset, String domain) {
        Path socket = privateDir.resolve(SOCKET);
        MigrationPipe pipe = new MigrationPipe(socket, null);
        pipe.start("migration-from-file " + domain, () -> {
            try (SocketChannel out = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                 FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = in.size();
                long at = offset;
                while (at < size) {
                    at += in.transferTo(at, size - at, out);
                }
                return at - offset;
            }
        });
        return pipe;
    }

    /** The socket as a migration URI for QEMU. */
    static String uri(Path privateDir) {
        return "unix:" + privateDir.resolve(SOCKET);
    }

    private interface Pump {
        long run() throws IOException;
    }

    private void start(String name, Pump pump) {
        Thread t = new Thread(() -> {
            try {
                pumped.complete(pump.run());
            } catch (IOException | RuntimeException e) {
                pumped.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Waits for the pump to have copied the whole stream, once QEMU reports the migration done.
     *
     * @return the bytes copied
     * @throws IOException what the copy failed with, or that it did not end within {@code limit}
     */
    long await(Duration limit) throws IOException {
        try {
            return pumped.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the migration stream did not end within " + limit.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the migration stream was copied", e);
        }
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            // closing ends a waiting accept; nothing else to do
        }
        QemuProcesses.deleteQuietly(socket);
    }
}
