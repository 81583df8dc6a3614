package org.jvirt.cli;

import java.util.UUID;

/** UUID text as libvirt's {@code virUUIDParse} reads it: 32 hex digits, dashes and blanks anywhere between pairs. */
final class VirshUuid {
    /** The length of the canonical form; virsh tries a UUID lookup only for arguments this long. */
    static final int STRING_LENGTH = 36;

    private VirshUuid() {
    }

    /** The UUID {@code text} names, or null when libvirt would not accept it. */
    static UUID parse(String text) {
        int pos = 0;
        while (pos < text.length() && VirshNumbers.isCSpace(text.charAt(pos))) {
            pos++;
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 16; ) {
            if (pos >= text.length()) {
                return null;
            }
            char c = text.charAt(pos);
            if (c == '-' || c == ' ') {
                pos++;
                continue;
            }
            if (pos + 1 >= text.length()) {
                return null;
            }
            int hi = Character.digit(c, 16);
            int lo = Character.digit(text.charAt(pos + 1), 16);
            if (hi < 0 || lo < 0 || !isAsciiHex(c) || !isAsciiHex(text.charAt(pos + 1))) {
                return null;
            }
            int b = hi * 16 + lo;
            if (i < 8) {
                msb = (msb << 8) | b;
            } else {
                lsb = (lsb << 8) | b;
            }
            i++;
            pos += 2;
        }
        while (pos < text.length()) {
            if (!VirshNumbers.isCSpace(text.charAt(pos))) {
                return null;
            }
            pos++;
        }
        return new UUID(msb, lsb);
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
