package org.jvirt.core.connection;

import java.util.UUID;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/** libvirt's UUID text rules: 32 hex digits, dashes allowed between them. */
final class Uuids {
    private Uuids() {
    }

    static UUID parse(String text, String operation) {
        if (text == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "uuid in " + operation + " must not be NULL", null);
        }
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-') {
                continue;
            }
            if (Character.digit(c, 16) < 0 || hex.length() == 32) {
                throw malformed(text, operation);
            }
            hex.append(c);
        }
        if (hex.length() != 32) {
            throw malformed(text, operation);
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static VirtException malformed(String text, String operation) {
        return VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                "malformed UUID '" + text + "' in " + operation, text);
    }
}
