package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.api.NodeInfo;
import org.jvirt.driver.qemu.command.DomainDefaults;

/** The host's processor and memory, from {@code /proc}, as libvirt's {@code virNodeGetInfo} reports them. */
final class HostFacts {
    private HostFacts() {
    }

    static NodeInfo nodeInfo() {
        int cpus = Runtime.getRuntime().availableProcessors();
        int mhz = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    mhz = (int) Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            mhz = 0;
        }
        return new NodeInfo(DomainDefaults.hostArch(), meminfo("MemTotal"), cpus, mhz, 1, 1, cpus, 1);
    }

    /** A /proc/meminfo value in KiB, 0 when unknown. */
    static long meminfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
