package org.jvirt.driver.xend.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A unix-socket server that reads each request whole (headers, and a body of its Content-Length) and
 * answers with the bytes a function gives — null to keep the connection open and silent until closed.
 */
final class CannedServer implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final List<SocketChannel> held = new CopyOnWriteArrayList<>();
    private final Thread thread;

    CannedServer(Path socket, Function<String, byte[]> answer) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    String request = readRequest(ch);
                    requests.add(request);
                    byte[] reply = answer.apply(request);
                    if (reply == null) {
                        held.add(ch);
                        continue;
                    }
                    ByteBuffer b = ByteBuffer.wrap(reply);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    ch.close();
                } catch (IOException e) {
                    return;
                }
            }
        }, "canned-xend");
        thread.setDaemon(true);
        thread.start();
    }

    private static String readRequest(SocketChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        int length = -1;
        while (true) {
            one.clear();
            if (ch.read(one) <= 0) {
                break;
            }
            out.write(one.get(0));
            String so = out.toString(StandardCharsets.ISO_8859_1);
            if (length < 0 && so.endsWith("\r\n\r\n")) {
                int at = so.indexOf("Content-Length: ");
                length = at < 0 ? 0 : Integer.parseInt(so.substring(at + 16, so.indexOf("\r\n", at)));
                length += out.size();
            }
            if (length >= 0 && out.size() >= length) {
                break;
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel ch : held) {
            ch.close();
        }
    }
}
