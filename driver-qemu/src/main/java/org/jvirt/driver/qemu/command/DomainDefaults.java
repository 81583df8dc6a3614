package org.jvirt.driver.qemu.command;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jvirt.driver.qemu.probe.EmulatorInfo;
import org.jvirt.model.Device;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.DomainOs;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.model.MemballoonDevice;

/**
 * What libvirt's QEMU driver fills in when a domain is defined or started (its post-parse
 * defaults): a UUID, the architecture and the versioned machine type, the emulator, boot from
 * {@code hd}, MAC addresses for interfaces without one, and a virtio memory balloon. Stateless.
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
     * Completes a definition for {@code emulator}.
     *
     * @throws org.jvirt.api.VirtException CONFIG_UNSUPPORTED when the machine type is not one the emulator offers
     */
    public static DomainDefinition complete(DomainDefinition def, EmulatorInfo emulator) {
        DomainDefinition.Builder b = def.toBuilder();
        if (def.uuid() == null) {
            b.uuid(UUID.randomUUID());
        }
        DomainOs os = def.os() == null ? DomainOs.builder("hvm").build() : def.os();
        DomainOs.Builder ob = os.toBuilder();
        if (os.type() == null) {
            ob.type("hvm");
        }
        if (os.arch() == null) {
            ob.arch(arch(def));
        }
        EmulatorInfo.Machine machine;
        if (os.machine() == null) {
            machine = emulator.defaultMachine();
            if (machine == null) {
                throw Unsupported.config(def.name(), "emulator " + emulator.binary()
                        + " has no default machine type: say which with <os><type machine=...>; it offers "
                        + String.join(", ", emulator.machineNames()));
            }
        } else {
            machine = emulator.machine(os.machine());
            if (machine == null) {
                throw Unsupported.config(def.name(), "machine type '" + os.machine() + "' is not supported by "
                        + emulator.binary() + " (QEMU " + emulator.version() + "); it offers "
                        + String.join(", ", emulator.machineNames()));
            }
        }
        ob.machine(machine.name());
        if (os.bootDevices().isEmpty() && os.kernel() == null) {
            ob.bootDevices(List.of("hd"));
        }
        b.os(ob.build());
        if (def.emulator() == null) {
            b.emulator(emulator.binary());
        }
        List<Device> devices = new ArrayList<>();
        boolean balloon = false;
        for (Device d : def.devices()) {
            if (d instanceof InterfaceDevice nic && nic.mac() == null) {
                d = nic.toBuilder().mac(randomMac()).build();
            }
            balloon |= d instanceof MemballoonDevice;
            devices.add(d);
        }
        if (!balloon) {
            devices.add(MemballoonDevice.of("virtio", null));
        }
        b.devices(devices);
        return b.build();
    }

    /** A MAC address in QEMU's locally administered range, {@code 52:54:00:xx:xx:xx}, as libvirt makes them. */
    public static String randomMac() {
        byte[] r = new byte[3];
        RANDOM.nextBytes(r);
        return String.format("52:54:00:%02x:%02x:%02x", r[0] & 0xff, r[1] & 0xff, r[2] & 0xff);
    }
}
