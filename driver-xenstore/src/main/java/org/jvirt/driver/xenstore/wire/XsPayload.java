package org.jvirt.driver.xenstore.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.ErrorCode;

/**
 * Payloads as xs_wire.h lays them out: strings, each ended by a NUL (paths, tokens, permissions), and for
 * a write the path's string followed by the value's raw bytes. Strings travel as UTF-8.
 */
final class XsPayload {
    private XsPayload() {
    }

    /** Each of {@code parts}, NUL-terminated. INVALID_ARG for a part holding a NUL, or for too long a payload. */
    static byte[] strings(XsType request, String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : parts) {
            if (p.indexOf('\0') >= 0) {
                throw XenstoreException.invalid(request, "a NUL character in '" + p.replace('\0', '@') + "'");
            }
            out.writeBytes(p.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return checked(request, out.toByteArray());
    }

    /** WRITE's payload: the path's string, then the value's bytes as they are (no NUL after them). */
    static byte[] pathAndValue(String path, byte[] value) {
        byte[] p = strings(XsType.WRITE, path);
        byte[] all = new byte[p.length + value.length];
        System.arraycopy(p, 0, all, 0, p.length);
        System.arraycopy(value, 0, all, p.length, value.length);
        return checked(XsType.WRITE, all);
    }

    /** The NUL-separated strings of a payload; a final NUL ends the last string, it does not start one. */
    static List<String> split(byte[] payload) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0) {
                out.add(new String(payload, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < payload.length) {
            out.add(new String(payload, start, payload.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The payload's first string (an empty payload is the empty string). */
    static String first(byte[] payload) {
        List<String> all = split(payload);
        return all.isEmpty() ? "" : all.get(0);
    }

    private static byte[] checked(XsType request, byte[] payload) {
        if (payload.length > XsFrame.PAYLOAD_MAX) {
            throw XenstoreException.of(ErrorCode.INVALID_ARG, request.name() + ": a payload of " + payload.length
                    + " bytes exceeds XENSTORE_PAYLOAD_MAX (" + XsFrame.PAYLOAD_MAX + ")", null, request, null);
        }
        return payload;
    }
}
