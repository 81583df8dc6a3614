package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.NodeCpuMap;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VirtException;
import org.jvirt.driver.qemu.domain.DomainDefaults;

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

    private static final Path SYSFS = Path.of("/sys/devices/system");
    /** libvirt's virHostMemGetStats: /proc/meminfo headers and the names it reports them by, in its table. */
    private static final String[][] MEMINFO_FIELDS = {
        {"MemTotal:", "total"}, {"MemFree:", "free"}, {"Buffers:", "buffers"}, {"Cached:", "cached"}};

    /**
     * As libvirt's virHostMemGetStats: the whole host from /proc/meminfo (cell -1), or one NUMA
     * node from its sysfs meminfo; values in KiB, in the file's order.
     */
    static List<TypedParameter> memoryStats(int cell) {
        Path file;
        if (cell == -1) {
            file = Path.of("/proc/meminfo");
        } else {
            int maxNode = lastOf(readSysfs(SYSFS.resolve("node/online")), "node/online");
            if (cell > maxNode) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                        "cellNum in virHostMemGetStats must be less than or equal to " + maxNode, null);
            }
            file = SYSFS.resolve("node/node" + cell + "/meminfo");
        }
        List<TypedParameter> stats = parseMeminfo(readSysfs(file));
        if (stats.isEmpty()) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE, "no available memory line found", null);
        }
        return stats;
    }

    /** The statistics of a meminfo text ({@code /proc/meminfo}, or a node's with its "Node N " prefixes). */
    static List<TypedParameter> parseMeminfo(String text) {
        List<TypedParameter> stats = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.trim().split("\\s+");
            int at = words.length > 2 && words[0].equals("Node") ? 2 : 0;
            if (words.length < at + 2) {
                continue;
            }
            long value;
            try {
                value = Long.parseUnsignedLong(words[at + 1]);
            } catch (NumberFormatException e) {
                continue;
            }
            for (String[] field : MEMINFO_FIELDS) {
                if (field[0].equals(words[at])) {
                    stats.add(new TypedParameter(field[1], value));
                    break;
                }
            }
            if (stats.size() == MEMINFO_FIELDS.length) {
                break;
            }
        }
        return stats;
    }

    /** As libvirt's virHostCPUGetMap: the present CPUs' count (last present + 1) and the online ones. */
    static NodeCpuMap cpuMap() {
        int cpus = lastOf(readSysfs(SYSFS.resolve("cpu/present")), "cpu/present") + 1;
        BitSet online = parseCpuList(readSysfs(SYSFS.resolve("cpu/online")));
        if (online == null) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                    "cannot parse " + SYSFS.resolve("cpu/online"), null);
        }
        return new NodeCpuMap(Math.max(cpus, online.length()), online);
    }

    /** A sysfs CPU or node list ({@code 0-3,8}); null when malformed. */
    static BitSet parseCpuList(String text) {
        BitSet set = new BitSet();
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return set;
        }
        try {
            for (String part : trimmed.split(",")) {
                int dash = part.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
                if (from < 0 || to < from || to > 65535) {
                    return null;
                }
                set.set(from, to + 1);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return set;
    }

    private static int lastOf(String list, String what) {
        BitSet set = parseCpuList(list);
        if (set == null || set.isEmpty()) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE, "cannot parse " + SYSFS.resolve(what),
                    null);
        }
        return set.length() - 1;
    }

    /** A small /proc or sysfs file, at most 1 MiB. */
    private static String readSysfs(Path file) {
        try {
            if (Files.size(file) > 1 << 20) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE, "'" + file + "' is too large", null);
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE,
                    ErrorCode.SYSTEM_ERROR.format("cannot read '" + file + "': " + e.getMessage()), null, null, e);
        }
    }
}
