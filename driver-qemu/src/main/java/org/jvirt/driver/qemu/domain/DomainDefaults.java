package org.jvirt.driver.qemu.domain;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.xml.XmlElement;

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

    /** The definition's machine type, empty while none is settled. */
    static String machine(DomainDefinition def) {
        return def.os() == null || def.os().machine() == null ? "" : def.os().machine();
    }

    /** A 32- or 64-bit x86 guest (ARCH_IS_X86). */
    static boolean isX86(String arch) {
        return arch.equals("i686") || arch.equals("x86_64");
    }

    /** An Arm guest on QEMU's virt board (qemuDomainIsARMVirt). */
    static boolean isArmVirt(DomainDefinition def) {
        String arch = arch(def);
        return (arch.startsWith("arm") || arch.equals("aarch64")) && isVirtBoard(machine(def));
    }

    /** A RISC-V guest on QEMU's virt board (qemuDomainIsRISCVVirt). */
    static boolean isRiscvVirt(DomainDefinition def) {
        return arch(def).startsWith("riscv") && isVirtBoard(machine(def));
    }

    /** A POWER guest on QEMU's pSeries machine (qemuDomainIsPSeries). */
    static boolean isPSeries(DomainDefinition def) {
        String machine = machine(def);
        return arch(def).startsWith("ppc64") && (machine.equals("pseries") || machine.startsWith("pseries-"));
    }

    private static boolean isVirtBoard(String machine) {
        return machine.equals("virt") || machine.startsWith("virt-");
    }

    /** The definition's first top-level element of this name that the model keeps as an element, or null. */
    public static XmlElement topElement(DomainDefinition def, String name) {
        for (XmlElement e : def.unknowns().elementsAt("")) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** A MAC address in QEMU's locally administered range, {@code 52:54:00:xx:xx:xx}, as libvirt makes them. */
    public static String randomMac() {
        byte[] r = new byte[3];
        RANDOM.nextBytes(r);
        // By hand rather than String.format, whose parsing of the pattern was 3% of a define.
        char[] mac = "52:54:00:00:00:00".toCharArray();
        for (int i = 0; i < 3; i++) {
            mac[9 + 3 * i] = Character.forDigit((r[i] >> 4) & 15, 16);
            mac[10 + 3 * i] = Character.forDigit(r[i] & 15, 16);
        }
        return new String(mac);
    }
}
