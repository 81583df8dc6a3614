package org.jvirt.driver.qemu.address;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order libvirt visits a definition's devices in (virDomainDeviceInfoIterateFlags): kind by
 * kind, each kind in its own order. It decides which of two conflicting addresses libvirt blames.
 * Stateless.
 */
final class IterationOrder {
    private static final List<String> KINDS = List.of("disk", "interface", "sound", "hostdev", "video",
            "controller", "smartcard", "serial", "parallel", "channel", "console", "input", "filesystem",
            "watchdog", "memballoon", "rng", "nvram", "hub", "shmem", "tpm", "panic", "memory", "redirdev",
            "iommu", "vsock");

    private IterationOrder() {
    }

    /** The indexes of {@code devices} in libvirt's order; kinds libvirt does not visit left out. */
    static List<Integer> of(GuestDevices devices) {
        // One pass over the devices, bucketed by kind, rather than one pass a kind.
        Map<String, List<Integer>> byKind = new HashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            byKind.computeIfAbsent(devices.get(i).elementName(), k -> new ArrayList<>()).add(i);
        }
        List<Integer> out = new ArrayList<>(devices.size());
        for (String kind : KINDS) {
            out.addAll(byKind.getOrDefault(kind, List.of()));
        }
        return out;
    }
}
