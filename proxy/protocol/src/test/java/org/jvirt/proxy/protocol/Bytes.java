package org.jvirt.proxy.protocol;

import java.util.HexFormat;

/** Hexadecimal test data, with spaces and bars allowed for reading. */
final class Bytes {
    private Bytes() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|]", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
