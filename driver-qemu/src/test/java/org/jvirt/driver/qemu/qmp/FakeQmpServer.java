package org.jvirt.driver.qemu.qmp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A scripted QMP peer on a unix socket: sends a greeting (or not), then answers each command
 * line with what {@code responder} returns (raw text written as is; null for no answer).
 */
final class FakeQmpServer implements AutoCloseable {
    static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7},"
            + " \"package\": \"fake\"}, \"capabilities\": [\"oob\"]}}\r\n";

    final Path socket;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final ServerSocketChannel server;
    private final Thread thread;
    private volatile SocketChannel client;

    FakeQmpServer(Path socket, String greeting, Function<Map<String, Object>, String> responder) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> serve(greeting, responder), "fake-qmp");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(String greeting, Function<Map<String, Object>, String> responder) {
        try (SocketChannel c = server.accept()) {
            client = c;
            if (greeting != null) {
                write(greeting);
            }
            StringBuilder line = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (c.read(buf) >= 0) {
                buf.flip();
                String chunk = StandardCharsets.UTF_8.decode(buf).toString();
                buf.clear();
                for (char ch : chunk.toCharArray()) {
                    if (ch == '\n') {
                        String l = line.toString();
                        line.setLength(0);
                        received.add(l);
                        Map<String, Object> cmd;
                        try {
                            cmd = Json.parseObject(l);
                        } catch (JsonException e) {
                            continue;
                        }
                        String answer = responder.apply(cmd);
                        if (answer != null) {
                            write(answer);
                        }
                    } else {
                        line.append(ch);
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    void write(String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        SocketChannel c = client;
        synchronized (this) {
            while (b.hasRemaining()) {
                c.write(b);
            }
        }
    }

    void hangUp() throws IOException {
        client.close();
    }

    static String ok(Map<String, Object> cmd, String ret) {
        return "{\"return\": " + ret + ", \"id\": " + Json.write(cmd.get("id")) + "}\r\n";
    }

    @Override
    public void close() throws IOException {
        server.close();
        SocketChannel c = client;
        if (c != null) {
            c.close();
        }
        Files.deleteIfExists(socket);
    }
}
