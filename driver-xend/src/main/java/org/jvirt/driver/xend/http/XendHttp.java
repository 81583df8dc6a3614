package org.jvirt.driver.xend.http;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * The HTTP xend spoke: one request a connection, {@code GET} for documents and form-encoded
 * {@code POST}s for operations ({@code op=...}), the answer read until xend closes the connection or
 * its {@code Content-Length} is reached — as libvirt 0.4.4's {@code xend_get} / {@code xend_post}. Every
 * exchange is bounded by a timeout (the connection is closed when it passes) and by a largest answer.
 *
 * <p>Thread-safe: each request has its own connection. Failures are {@link VirtException}s of the
 * {@link ErrorDomain#XEND} domain naming the request: {@link ErrorCode#NO_CONNECT} when xend cannot be
 * reached, {@link ErrorCode#OPERATION_TIMEOUT} when it does not answer in time, and
 * {@link ErrorCode#HTTP_ERROR} for an answer that is not HTTP or is cut short.
 */
public final class XendHttp {
    /** The largest answer read: {@code /xend/domain?detail=1} of a host with many guests fits easily. */
    public static final int MAX_RESPONSE_BYTES = 16 << 20;
    private static final int MAX_HEADER_LINE = 4096;
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xend-request-deadline");
        t.setDaemon(true);
        return t;
    });

    private final XendAddress address;
    private final Duration timeout;

    /**
     * @param address where xend listens
     * @param timeout the longest one request may take, connect to last byte
     */
    public XendHttp(XendAddress address, Duration timeout) {
        this.address = Objects.requireNonNull(address, "address");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Where requests go. */
    public XendAddress address() {
        return address;
    }

    /** {@code GET path}; any status is returned, the caller decides what it means. */
    public XendResponse get(String path) {
        return exchange("GET", path, null);
    }

    /** {@code POST path} with {@code form} ({@code op} first, in the map's order), URL-encoded. */
    public XendResponse post(String path, Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(encode(k) + "=" + encode(v)));
        return exchange("POST", path, body.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private XendResponse exchange(String method, String path, String form) {
        String request = method + " " + path;
        StringBuilder head = new StringBuilder(request).append(" HTTP/1.1\r\n")
                .append("Host: localhost:8000\r\n")
                .append("Accept-Encoding: identity\r\n")
                .append("Content-Type: application/x-www-form-urlencoded\r\n");
        byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
        if (form != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        AtomicBoolean timedOut = new AtomicBoolean();
        SocketChannel ch;
        try {
            ch = address.open();
        } catch (IOException e) {
            throw failure(ErrorCode.NO_CONNECT, "cannot open a socket for xend at "
                    + address + " for " + request + ": " + e.getMessage(), e);
        }
        // Closing the channel is the one way to stop a blocked connect, write or read of any family.
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            timedOut.set(true);
            closeQuietly(ch);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ch) {
            try {
                ch.connect(address.endpoint());
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw timeout(request);
                }
                throw failure(ErrorCode.NO_CONNECT, "cannot reach xend at " + address
                        + " for " + request + ": " + e.getMessage(), e);
            }
            write(ch, head.toString().getBytes(StandardCharsets.ISO_8859_1));
            write(ch, body);
            return HttpResponseReader.read(ch, MAX_RESPONSE_BYTES, MAX_HEADER_LINE);
        } catch (HttpResponseReader.Malformed e) {
            throw failure(ErrorCode.HTTP_ERROR, "xend at " + address + " answered "
                    + request + " with " + e.getMessage());
        } catch (IOException e) {
            if (timedOut.get()) {
                throw timeout(request);
            }
            throw failure(ErrorCode.HTTP_ERROR, "xend at " + address + " failed "
                    + request + ": " + e.getMessage(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    private VirtException timeout(String request) {
        return failure(ErrorCode.OPERATION_TIMEOUT, "xend at " + address
                + " did not answer " + request + " within " + timeout.toMillis() + " ms");
    }

    private static void write(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static VirtException failure(ErrorCode code, String message) {
        return failure(code, message, null);
    }

    private static VirtException failure(ErrorCode code, String message, Throwable cause) {
        return new VirtException(code, ErrorDomain.XEND, message, "xend", null, cause);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // Closed to stop an exchange that took too long: nothing more to do.
        }
    }
}
