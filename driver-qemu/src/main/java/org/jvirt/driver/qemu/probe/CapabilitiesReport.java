package org.jvirt.driver.qemu.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jvirt.model.CapabilitiesDefinition;
import org.jvirt.model.CapabilitiesXml;
import org.jvirt.model.GuestCapabilities;
import org.jvirt.model.GuestMachine;
import org.jvirt.model.HostCapabilities;
import org.jvirt.model.SecurityModel;

/** libvirt's capabilities XML for the QEMU driver: the host, and one guest per probed emulator. */
public final class CapabilitiesReport {
    private CapabilitiesReport() {
    }

    /**
     * @param emulators the probed binaries
     * @param kvmUsable whether kvm domains can run (then listed for the host's architecture)
     * @param hostArch the host's architecture
     */
    public static String xml(List<EmulatorInfo> emulators, boolean kvmUsable, String hostArch) {
        return CapabilitiesXml.format(definition(emulators, kvmUsable, hostArch));
    }

    public static CapabilitiesDefinition definition(List<EmulatorInfo> emulators, boolean kvmUsable, String hostArch) {
        HostCapabilities host = new HostCapabilities(hostUuid(), hostArch, List.of(), List.of(4L), List.of(), false,
                List.of(), List.of(new SecurityModel("none", "0", new LinkedHashMap<>())));
        List<GuestCapabilities> guests = new ArrayList<>();
        for (EmulatorInfo e : emulators) {
            List<GuestMachine> machines = new ArrayList<>();
            for (EmulatorInfo.Machine m : e.machines()) {
                if (m.alias() != null) {
                    machines.add(new GuestMachine(m.alias(), m.name(), m.maxCpus()));
                }
                machines.add(new GuestMachine(m.name(), null, m.maxCpus()));
            }
            List<String> types = new ArrayList<>(List.of("qemu"));
            if (kvmUsable && e.kvmSupport() && e.arch().equals(hostArch)) {
                types.add("kvm");
            }
            boolean x86 = e.arch().equals("x86_64") || e.arch().equals("i386");
            List<String> features = x86 ? List.of("acpi", "apic", "pae", "nonpae") : List.of("acpi");
            String arch = e.arch().equals("i386") ? "i686" : e.arch();
            guests.add(new GuestCapabilities("hvm", arch, wordSize(arch), e.binary(), machines, types, features));
        }
        return new CapabilitiesDefinition(host, guests);
    }

    static int wordSize(String arch) {
        return switch (arch) {
            case "i686", "arm", "armv7l", "ppc", "mips", "mipsel", "sparc", "riscv32" -> 32;
            default -> 64;
        };
    }

    private static UUID hostUuid() {
        for (Path p : List.of(Path.of("/sys/class/dmi/id/product_uuid"), Path.of("/etc/machine-id"))) {
            try {
                String s = Files.readString(p).trim();
                if (s.matches("[0-9a-fA-F-]{36}")) {
                    return UUID.fromString(s);
                }
                if (s.matches("[0-9a-fA-F]{32}")) {
                    return UUID.fromString(s.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
                }
            } catch (IOException | RuntimeException e) {
                // try the next
            }
        }
        return null;
    }
}
