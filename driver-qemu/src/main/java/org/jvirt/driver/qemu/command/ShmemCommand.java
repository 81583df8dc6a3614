package org.jvirt.driver.qemu.command;

import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.qmp.Json;
import org.jvirt.model.DeviceAddress;
import org.jvirt.model.xml.XmlElement;

/**
 * Shared memory ({@code <shmem>}) on the command line, as libvirt's qemuBuildShmemCommandLine: for an
 * {@code ivshmem-plain} device {@code shmemN}, the {@code memory-backend-file} {@code shmmem-shmemN} on
 * {@code /dev/shm/NAME}, shared, then the device on it (its {@code role} QEMU's {@code master}), written
 * after the panic devices. {@code ivshmem-doorbell} needs an ivshmem server and the legacy
 * {@code ivshmem} is gone from QEMU: both refused. The model keeps {@code <shmem>} as an element:
 * {@link #honoured} says which ones this class speaks of, {@link #validate} refuses the rest. Stateless.
 */
final class ShmemCommand {
    /** Bytes per unit of a {@code <size unit>}, as libvirt's scaled values (bytes without a unit). */
    private static final Map<String, Long> UNITS = Map.ofEntries(Map.entry("B", 1L), Map.entry("bytes", 1L),
            Map.entry("K", 1L << 10), Map.entry("KiB", 1L << 10), Map.entry("KB", 1000L),
            Map.entry("M", 1L << 20), Map.entry("MiB", 1L << 20), Map.entry("MB", 1000_000L),
            Map.entry("G", 1L << 30), Map.entry("GiB", 1L << 30), Map.entry("GB", 1000_000_000L),
            Map.entry("T", 1L << 40), Map.entry("TiB", 1L << 40), Map.entry("TB", 1000_000_000_000L));

    private ShmemCommand() {
    }

    /** Whether a {@code <shmem>} has only a name, a role, a model, a size, a server, MSI options and an address. */
    static boolean honoured(XmlElement shmem) {
        return ElementDevices.only(shmem, Set.of("name", "role"), Set.of("model", "size", "server", "msi", "address"))
                && (shmem.child("model") == null || ElementDevices.leaf(shmem.child("model"), Set.of("type")))
                && (shmem.child("size") == null || ElementDevices.leaf(shmem.child("size"), Set.of("unit")));
    }

    static String model(XmlElement shmem) {
        XmlElement m = shmem.child("model");
        return m == null || m.attribute("type") == null ? "ivshmem" : m.attribute("type");
    }

    /** Refuses what QEMU cannot be given, in libvirt's words where libvirt refuses too. */
    static void validate(Guest g) {
        for (XmlElement shmem : ElementDevices.named(g.def(), "shmem")) {
            String model = model(shmem);
            switch (model) {
                case "ivshmem" -> throw Unsupported.config(g.name(),
                        "ivshmem device is not supported with this QEMU binary");
                case "ivshmem-plain" -> { }
                case "ivshmem-doorbell" -> throw Unsupported.config(g.name(), "shmem model 'ivshmem-doorbell' is"
                        + " not supported by the QEMU driver (it needs an ivshmem server)");
                default -> throw Unsupported.config(g.name(), "shmem model '" + model + "' is not supported");
            }
            String name = shmem.attribute("name");
            if (name == null || name.isEmpty() || name.contains("/")) {
                throw Unsupported.invalid(g.name(), "shmem name '" + name + "' is not a file name in /dev/shm");
            }
            long size = size(shmem);
            if (size <= 0 || (size & (size - 1)) != 0) {
                throw Unsupported.invalid(g.name(), "shmem size must be a power of two");
            }
            if (size < 1024 * 1024) {
                throw Unsupported.invalid(g.name(), "shmem size must be at least 1 MiB (1024 KiB)");
            }
            DeviceAddress a = ElementDevices.address(shmem);
            if (a != null && !"pci".equals(a.type())) {
                throw Unsupported.config(g.name(), "only 'pci' addresses are supported for the shared memory device");
            }
            DeviceValidate.pciAddress(a);
            String role = shmem.attribute("role");
            if (role != null && !Set.of("master", "peer").contains(role)) {
                throw Unsupported.invalid(g.name(), "shmem role '" + role + "' is neither master nor peer");
            }
        }
    }

    /** A shared memory's size in bytes: its {@code <size>}, else libvirt's 4 MiB; -1 when unreadable. */
    static long size(XmlElement shmem) {
        XmlElement s = shmem.child("size");
        if (s == null) {
            return 4L << 20;
        }
        String name = s.attribute("unit") == null ? "B" : s.attribute("unit");
        // a single letter names its binary unit in either case
        Long unit = UNITS.get(name.length() == 1 ? name.toUpperCase(java.util.Locale.ROOT) : name);
        String text = s.text().strip();
        if (unit == null || !text.matches("[0-9]{1,12}")) {
            return -1;
        }
        return Long.parseLong(text) * unit;
    }

    static void add(Guest g, CommandLine out) {
        int i = 0;
        for (XmlElement shmem : ElementDevices.named(g.def(), "shmem")) {
            String alias = "shmem" + i++;
            String memdev = "shmmem-" + alias;
            out.arg("-object", Json.write(Json.object("qom-type", "memory-backend-file", "id", memdev,
                    "mem-path", "/dev/shm/" + shmem.attribute("name"), "size", size(shmem), "share", true)));
            Map<String, Object> p = Json.object("driver", "ivshmem-plain", "id", alias, "memdev", memdev);
            if (shmem.attribute("role") != null) {
                p.put("master", shmem.attribute("role").equals("master") ? "on" : "off");
            }
            DeviceProps.address(p, ElementDevices.address(shmem), g.def());
            out.device(p);
        }
    }
}
