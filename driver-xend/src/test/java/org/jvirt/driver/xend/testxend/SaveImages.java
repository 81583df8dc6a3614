package org.jvirt.driver.xend.testxend;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Save images as xend wrote them ({@code XendCheckpoint.py}): the signature {@code LinuxGuestRecord},
 * the configuration's length (4 bytes, big-endian), the configuration, then the guest's memory — here a
 * few bytes standing for it.
 */
final class SaveImages {
    static final String SIGNATURE = "LinuxGuestRecord";

    private SaveImages() {
    }

    static void write(Path file, String config) throws IOException {
        byte[] c = config.getBytes(StandardCharsets.UTF_8);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(SIGNATURE.getBytes(StandardCharsets.ISO_8859_1));
            out.writeInt(c.length);
            out.write(c);
            out.write(new byte[4096]);
        }
    }

    /** The configuration an image holds; null when the file is no save image. */
    static String read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            byte[] signature = new byte[SIGNATURE.length()];
            in.readFully(signature);
            if (!new String(signature, StandardCharsets.ISO_8859_1).equals(SIGNATURE)) {
                return null;
            }
            int length = in.readInt();
            if (length <= 0 || length > (1 << 20)) {
                return null;
            }
            byte[] c = new byte[length];
            in.readFully(c);
            return new String(c, StandardCharsets.UTF_8);
        } catch (java.io.EOFException e) {
            return null;
        }
    }
}
