package org.jvirt.driver.xend.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP response as xend wrote it: a status line {@code HTTP/1.x CODE REASON}, header lines up
 * to an empty one, then the body — {@code Content-Length} bytes when the header says so, else everything
 * up to the end of the connection. Anything else is {@link Malformed}, naming what was wrong; bounded
 * by a largest header line and a largest response.
 */
final class HttpResponseReader {
    /** A response that is not HTTP, is cut short, or is too large. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final ReadableByteChannel in;
    private final int maxBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    private int total;

    private HttpResponseReader(ReadableByteChannel in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        buffer.flip();
    }

    static XendResponse read(ReadableByteChannel in, int maxBytes, int maxLine) throws IOException {
        return new HttpResponseReader(in, maxBytes).response(maxLine);
    }

    private XendResponse response(int maxLine) throws IOException {
        String status = line(maxLine);
        if (status == null) {
            throw new Malformed("no response (the connection was closed before a status line)");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new Malformed("a response that is not HTTP: '" + printable(status) + "'");
        }
        int code = Integer.parseInt(parts[1]);
        long length = -1;
        while (true) {
            String header = line(maxLine);
            if (header == null) {
                throw new Malformed("headers cut short (the connection was closed before the empty line)");
            }
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("a header line without a name: '" + printable(header) + "'");
            }
            if (header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                String value = header.substring(colon + 1).trim();
                if (!value.matches("[0-9]{1,10}")) {
                    throw new Malformed("Content-Length '" + printable(value) + "'");
                }
                length = Long.parseLong(value);
                if (length > maxBytes) {
                    throw new Malformed("a body of " + length + " bytes, more than the " + maxBytes + " read");
                }
            }
        }
        return new XendResponse(code, new String(body(length), StandardCharsets.UTF_8));
    }

    private byte[] body(long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (length < 0 || out.size() < length) {
            if (!buffer.hasRemaining() && !fill()) {
                if (length >= 0) {
                    throw new Malformed("a body cut short: " + out.size() + " of " + length + " bytes");
                }
                break;
            }
            int n = length < 0 ? buffer.remaining() : (int) Math.min(buffer.remaining(), length - out.size());
            out.write(buffer.array(), buffer.position(), n);
            buffer.position(buffer.position() + n);
        }
        return out.toByteArray();
    }

    /** The next line without its CRLF (or LF), null at the end of the stream before any byte of it. */
    private String line(int maxLine) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!buffer.hasRemaining() && !fill()) {
                if (sb.length() == 0) {
                    return null;
                }
                throw new Malformed("a line cut short: '" + printable(sb.toString()) + "'");
            }
            char c = (char) (buffer.get() & 0xff);
            if (c == '\n') {
                int end = sb.length();
                if (end > 0 && sb.charAt(end - 1) == '\r') {
                    sb.setLength(end - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= maxLine) {
                throw new Malformed("a header line longer than " + maxLine + " bytes");
            }
            sb.append(c);
        }
    }

    private boolean fill() throws IOException {
        buffer.clear();
        int n = in.read(buffer);
        buffer.flip();
        if (n <= 0) {
            return false;
        }
        total += n;
        if (total > maxBytes + 65536) {
            throw new Malformed("a response larger than " + maxBytes + " bytes");
        }
        return true;
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder sb = new StringBuilder();
        for (char c : cut.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }
}
