package org.jvirt.driver.xend;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xend.http.XendAddress;

/**
 * Files xend reads and writes for a domain (save images, core dumps) are on xend's host: when xend is
 * this host's (its unix socket), the driver checks them first and fails as libvirt does, with a system
 * error naming the file, instead of relaying xend's less telling refusal. Over TCP xend's host is
 * another: xend's own answer stands. Stateless.
 */
final class XendFiles {
    private XendFiles() {
    }

    static void checkWritable(XendAddress xend, Path file, String what) {
        if (!(xend instanceof XendAddress.Unix)) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw XendDaemonErrors.worded(ErrorCode.SYSTEM_ERROR, "cannot write the " + what + " " + file
                    + ": its directory does not exist or is not writable", null);
        }
    }

    /**
     * The name of the domain a save image of this host's xend holds: xend's images begin with
     * {@code LinuxGuestRecord}, the length of the domain's configuration (4 bytes, big-endian) and that
     * configuration. Empty when xend is another host's or the file is no such image (xend then says why).
     */
    static java.util.Optional<String> savedDomainName(XendAddress xend, Path file) {
        if (!(xend instanceof XendAddress.Unix)) {
            return java.util.Optional.empty();
        }
        try (java.io.DataInputStream in = new java.io.DataInputStream(Files.newInputStream(file))) {
            byte[] signature = new byte[SIGNATURE.length()];
            in.readFully(signature);
            if (!new String(signature, java.nio.charset.StandardCharsets.ISO_8859_1).equals(SIGNATURE)) {
                return java.util.Optional.empty();
            }
            int length = in.readInt();
            if (length <= 0 || length > MAX_CONFIG) {
                return java.util.Optional.empty();
            }
            byte[] config = new byte[length];
            in.readFully(config);
            return org.jvirt.driver.xend.sexpr.SexprReader.validate(config).toJavaOptional()
                    .filter(s -> s instanceof org.jvirt.driver.xend.sexpr.SexprList)
                    .flatMap(s -> {
                        org.jvirt.driver.xend.sexpr.SexprList l = (org.jvirt.driver.xend.sexpr.SexprList) s;
                        return l.value(l.name().orElse("") + "/name");
                    });
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** xend's save image signature ({@code XendCheckpoint.SIGNATURE}). */
    static final String SIGNATURE = "LinuxGuestRecord";
    /** The largest configuration read from a save image's header. */
    private static final int MAX_CONFIG = 1 << 20;

    static void checkReadable(XendAddress xend, Path file, String what) {
        if (!(xend instanceof XendAddress.Unix)) {
            return;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw XendDaemonErrors.worded(ErrorCode.SYSTEM_ERROR, "cannot read the " + what + " " + file
                    + ": no such readable file", null);
        }
    }
}
