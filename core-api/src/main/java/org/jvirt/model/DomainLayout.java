package org.jvirt.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which libvirt 9 writes the parts of a domain ({@code virDomainDefFormatInternal}),
 * used to place preserved unknown elements where libvirt itself would put them and to keep
 * devices and features in libvirt's order. Names not listed go last, in document order.
 *
 * @since 1.0
 */
final class DomainLayout {
    /** {@code <domain>}'s children (virDomainDefFormatInternalSetRootName). */
    static final Order DOMAIN = new Order(List.of(
            "name", "uuid", "genid", "title", "description", "metadata", "maxMemory", "memory",
            "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus", "iothreads",
            "iothreadids", "defaultiothread", "cputune", "numatune", "resource", "sysinfo",
            "bootloader", "bootloader_args", "os", "idmap", "features", "cpu", "clock",
            "on_poweroff", "on_reboot", "on_crash", "on_lockfailure", "pm", "perf", "devices",
            "seclabel", "keywrap", "launchSecurity"));

    private static final Map<String, Integer> DEVICES = ranks(List.of(
            "emulator", "disk", "controller", "lease", "filesystem", "interface", "smartcard",
            "serial", "parallel", "console", "channel", "input", "tpm", "graphics", "sound",
            "audio", "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog",
            "memballoon", "rng", "nvram", "panic", "shmem", "memory", "iommu", "vsock", "crypto"));

    private static final Map<String, Integer> FEATURES = ranks(List.of(
            "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm", "pvspinlock",
            "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm",
            "nested-hv", "msrs", "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg",
            "async-teardown"));

    /** What libvirt writes after a device's own children (virDomainDeviceInfoFormat). */
    /** The children virDomainDeviceInfoFormat writes, in its order, after a device's own. */
    static final List<String> DEVICE_INFO = List.of("boot", "alias", "master", "rom", "acpi", "address");

    /** {@code <os>}'s children (virDomainDefFormatInternalSetRootName's os part). */
    static final Order OS = new Order(List.of("type", "firmware", "init", "initarg", "initenv", "initdir",
            "inituser", "initgroup", "loader", "nvram", "kernel", "initrd", "cmdline", "dtb", "root", "acpi", "boot",
            "bootmenu", "bios", "smbios"));

    /** {@code <disk>}'s children (virDomainDiskDefFormat). */
    static final Order DISK = Order.device(List.of("driver", "auth", "source", "backingStore", "backenddomain",
            "geometry", "blockio", "mirror", "target", "iotune", "readonly", "shareable", "transient", "serial",
            "wwn", "vendor", "product", "encryption"));

    /** {@code <interface>}'s children (virDomainNetDefFormat). */
    static final Order INTERFACE = Order.device(List.of("mac", "source", "vlan", "virtualport", "bandwidth",
            "port", "ip", "route", "portForward", "script", "downscript", "backenddomain", "target", "guest",
            "model", "driver", "backend", "filterref", "tune", "teaming", "link", "mtu", "coalesce"));

    /** The children of {@code <serial>}, {@code <parallel>}, {@code <console>}, {@code <channel>} (virDomainChrDefFormat). */
    /** An interface of type hostdev: its {@code <driver>} is the host device's, written before its source. */
    static final Order HOSTDEV_INTERFACE = Order.device(List.of("mac", "driver", "source", "vlan", "virtualport",
            "bandwidth", "port", "ip", "route", "portForward", "script", "downscript", "backenddomain", "target",
            "guest", "model", "backend", "filterref", "tune", "teaming", "link", "mtu", "coalesce"));

    static final Order CHARACTER = Order.device(List.of("source", "protocol", "log", "target"));

    /** {@code <controller>}'s children (virDomainControllerDefFormat). */
    static final Order CONTROLLER = Order.device(List.of("model", "target", "driver"));

    /** {@code <video>}'s children (virDomainVideoDefFormat). */
    static final Order VIDEO = Order.device(List.of("driver", "model"));

    /** {@code <graphics>}'s children (virDomainGraphicsDefFormat). */
    static final Order GRAPHICS = Order.device(List.of("listen", "channel", "image", "jpeg", "zlib",
            "playback", "streaming", "mouse", "clipboard", "filetransfer", "gl", "audio"));

    /** Any other device: its children in document order, then the device info. */
    static final Order OTHER_DEVICE = Order.device(List.of());

    /** The order of an element's children; names not listed rank at one place, by default last. */
    static final class Order {
        private final Map<String, Integer> ranks;
        private final int unlisted;

        Order(List<String> names) {
            this.ranks = ranks(names);
            this.unlisted = names.size();
        }

        private Order(Map<String, Integer> ranks, int unlisted) {
            this.ranks = ranks;
            this.unlisted = unlisted;
        }

        /** A device's own children, then children libvirt does not know, then the device info. */
        static Order device(List<String> own) {
            Map<String, Integer> m = new HashMap<>(ranks(own));
            for (int i = 0; i < DEVICE_INFO.size(); i++) {
                m.put(DEVICE_INFO.get(i), own.size() + 1 + i);
            }
            return new Order(Map.copyOf(m), own.size());
        }

        int rank(String name) {
            return ranks.getOrDefault(name, unlisted);
        }
    }

    private DomainLayout() {
    }

    static int deviceRank(String element) {
        return DEVICES.getOrDefault(element, DEVICES.size());
    }

    static int featureRank(String element) {
        return FEATURES.getOrDefault(element, FEATURES.size());
    }

    private static Map<String, Integer> ranks(List<String> names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), i);
        }
        return Map.copyOf(m);
    }
}
