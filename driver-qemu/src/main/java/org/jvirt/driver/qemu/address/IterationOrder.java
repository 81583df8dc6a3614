package org.jvirt.driver.qemu.address;

import java.util.Arrays;
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

    /** Each kind's place in {@link #KINDS}. */
    private static final Map<String, Integer> RANK = ranks();

    private IterationOrder() {
    }

    private static Map<String, Integer> ranks() {
        Map<String, Integer> rank = new HashMap<>();
        for (int k = 0; k < KINDS.size(); k++) {
            rank.put(KINDS.get(k), k);
        }
        return Map.copyOf(rank);
    }

    /** The indexes of {@code devices} in libvirt's order; kinds libvirt does not visit left out. */
    static List<Integer> of(GuestDevices devices) {
        // A counting sort by kind, stable, in two passes and three arrays: it runs three times a define.
        int n = devices.size();
        int[] rank = new int[n];
        int[] next = new int[KINDS.size() + 1];
        int visited = 0;
        for (int i = 0; i < n; i++) {
            Integer r = RANK.get(devices.get(i).elementName());
            rank[i] = r == null ? -1 : r;
            if (r != null) {
                next[r + 1]++;
                visited++;
            }
        }
        for (int k = 1; k < next.length; k++) {
            next[k] += next[k - 1];
        }
        Integer[] out = new Integer[visited];
        for (int i = 0; i < n; i++) {
            if (rank[i] >= 0) {
                out[next[rank[i]]++] = i;
            }
        }
        return Arrays.asList(out);
    }
}
