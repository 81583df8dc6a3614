package org.jvirt.driver.qemu.domain;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;

/**
 * The host and guest architectures and MAC addresses as libvirt's QEMU driver chooses them; its
 * defaults for a definition are {@link QemuRules}. Stateless.
 */
public final class DomainDefaults {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DomainDefaults() {
    }

    /** The host architecture in libvirt's words ({@code x86_64}, {@code aarch64}...). */
    public static String hostArch() {
        String a = System.getProperty("os.arch", "x86_64").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "x86", "i386", "i686" -> "i686";
            case "arm64", "aarch64" -> "aarch64";
            default -> a;
        };
    }

    /** The guest architecture a definition asks for, the host's when it names none. */
    public static String arch(DomainDefinition def) {
        DomainOs os = def.os();
        return os != null && os.arch() != null ? os.arch() : hostArch();
    }

    /**
     * The guest architectures (libvirt's names) an emulator runs, from the target QEMU reports:
     * its own, and those virQEMUCapsIsArchSupported adds (i686 on x86_64, armv7l on aarch64...).
     */
    public static Set<String> guestArches(String qemuTarget) {
        return switch (qemuTarget) {
            case "x86_64" -> Set.of("x86_64", "i686");
            case "i386" -> Set.of("i686");
            case "aarch64" -> Set.of("aarch64", "armv7l");
            case "arm" -> Set.of("armv7l", "armv6l");
            case "ppc64" -> Set.of("ppc64", "ppc64le");
            default -> Set.of(qemuTarget);
        };
    }

    /** A MAC address in QEMU's locally administered range, {@code 52:54:00:xx:xx:xx}, as libvirt makes them. */
    public static String randomMac() {
        byte[] r = new byte[3];
        RANDOM.nextBytes(r);
        return String.format("52:54:00:%02x:%02x:%02x", r[0] & 0xff, r[1] & 0xff, r[2] & 0xff);
    }
}
