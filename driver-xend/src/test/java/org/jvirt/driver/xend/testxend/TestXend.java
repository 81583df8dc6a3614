package org.jvirt.driver.xend.testxend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.driver.xend.sexpr.SexprReader;

/**
 * A Xen daemon of the project's own for the tests: xend no longer exists anywhere, so this one serves
 * its HTTP protocol over a unix socket (or loopback TCP), keeps domains as S-expressions in the form of
 * libvirt's recordings, and answers as xend did — including its error forms (404 for an unknown domain,
 * {@code (xend.err '...')} bodies). One request a connection, as xend's HTTP server. The behaviour is
 * in {@link TestXendOps}; this class is the wire. Thread-safe.
 */
public final class TestXend implements AutoCloseable {
    private final ServerSocketChannel server;
    private final ExecutorService workers;
    private final TestXendOps ops;
    private final Path socket;
    /** Every request line received, in order, for tests that check what the driver asked. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** Connections a {@link TestXendOps.Fault#HANG} keeps open and silent until the close. */
    private final List<SocketChannel> held = new CopyOnWriteArrayList<>();

    private TestXend(ServerSocketChannel server, Path socket, int configFormat) {
        this.server = server;
        this.socket = socket;
        this.ops = new TestXendOps(configFormat);
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-xend");
            t.setDaemon(true);
            return t;
        });
        workers.execute(this::acceptLoop);
    }

    /** A test xend on a unix socket at {@code socket}, of xend config format {@code configFormat} (1-4). */
    public static TestXend onUnixSocket(Path socket, int configFormat) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(socket));
        return new TestXend(s, socket, configFormat);
    }

    /** A test xend on an ephemeral loopback TCP port ({@link #port()}). */
    public static TestXend onLoopback(int configFormat) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TestXend(s, null, configFormat);
    }

    /** The unix socket, for a xend on one (null on loopback TCP). */
    public Path socketPath() {
        return socket;
    }

    /** The TCP port, for a loopback xend. */
    public int port() throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /** The behaviour: domains, node, failures to inject. */
    public TestXendOps ops() {
        return ops;
    }

    /** Adds a running domain from one of libvirt's recorded {@code (domain ...)} documents. */
    public void addRunning(String sexpr) {
        ops.addRunning((SexprList) SexprReader.read(sexpr));
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                return;
            }
            workers.execute(() -> serve(ch));
        }
    }

    private void serve(SocketChannel ch) {
        boolean hold = false;
        try {
            String head = readHead(ch);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            int length = 0;
            for (String l : lines) {
                if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(l.substring(15).trim());
                }
            }
            String body = new String(readBody(ch, length), StandardCharsets.UTF_8);
            requests.add(requestLine[0] + " " + requestLine[1]);
            TestXendOps.Fault fault = ops.takeFault(requestLine[0]);
            if (fault == TestXendOps.Fault.HANG) {
                hold = true;
                held.add(ch);
                return;
            }
            if (fault == TestXendOps.Fault.NOT_HTTP) {
                write(ch, "<html>xend is not here</html>\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            if (fault == TestXendOps.Fault.HANG_UP_MID_BODY) {
                write(ch, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n(domain (name".getBytes(
                        StandardCharsets.ISO_8859_1));
                return;
            }
            XendReply reply = fault == TestXendOps.Fault.INTERNAL_ERROR
                    ? XendReply.error(500, "injected failure")
                    : ops.handle(XendRequest.of(requestLine[0], requestLine[1], body));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            String response = "HTTP/1.1 " + reply.status() + " " + reason(reply.status()) + "\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            write(ch, response.getBytes(StandardCharsets.ISO_8859_1));
            write(ch, bytes);
        } catch (IOException e) {
            // The client went away: xend dropped such connections too.
        } catch (RuntimeException e) {
            // A fault of the test xend itself (or of a toolstack connected to it): said, never silent.
            System.getLogger(TestXend.class.getName()).log(System.Logger.Level.WARNING,
                    "the test xend failed a request and dropped its connection", e);
        } finally {
            if (!hold) {
                closeQuietly(ch);
            }
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // Closing a finished exchange: nothing more to do.
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            case 400 -> "Bad Request";
            default -> "Internal Server Error";
        };
    }

    private static String readHead(SocketChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (out.size() < 65536) {
            one.clear();
            if (ch.read(one) <= 0) {
                return null;
            }
            out.write(one.get(0));
            int n = out.size();
            byte[] b = out.toByteArray();
            if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static byte[] readBody(SocketChannel ch, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                break;
            }
        }
        return b.array();
    }

    private static void write(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        held.forEach(TestXend::closeQuietly);
        workers.shutdownNow();
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }
}
