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
    private static final Map<String, Integer> TOP_LEVEL = ranks(List.of(
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

    private DomainLayout() {
    }

    static int topLevelRank(String element) {
        return TOP_LEVEL.getOrDefault(element, TOP_LEVEL.size());
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
