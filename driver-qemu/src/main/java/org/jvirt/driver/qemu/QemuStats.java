package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jvirt.api.BlockStats;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.VcpuInfo;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.monitor.QemuMonitor;
import org.jvirt.driver.qemu.process.ProcStat;
import org.jvirt.model.DiskDevice;
import org.jvirt.model.DomainDefinition;
import org.jvirt.model.InterfaceDevice;
import org.jvirt.spi.DomainRef;

/**
 * What a running guest uses, as libvirt's {@code qemuDomainGetVcpus}, {@code qemuDomainBlockStats} and
 * {@code qemuDomainInterfaceStats}: vCPU threads' time, processor and affinity from {@code /proc},
 * disk counters from QEMU, and tap interface counters from the host's {@code /sys/class/net}.
 */
final class QemuStats {
    private final QemuNode node;

    QemuStats(QemuNode node) {
        this.node = node;
    }

    List<VcpuInfo> vcpuInfo(DomainRef ref) {
        QemuDomain d = node.domains.find(ref);
        QemuRun run;
        synchronized (d) {
            run = d.run;
            if (run == null) {
                throw QemuErrors.operationInvalid("cannot list vcpus for an inactive domain", d.name);
            }
        }
        long pid = run.process.pid();
        List<VcpuInfo> out = new ArrayList<>();
        List<Long> threads = run.vcpuThreads;
        for (int i = 0; i < threads.size(); i++) {
            long tid = threads.get(i);
            ProcStat st = tid > 0 ? ProcStat.ofThread(pid, tid) : null;
            BitSet affinity = affinity(pid, tid);
            out.add(new VcpuInfo(i, 1, st == null ? 0 : st.cpuTimeNanos(), st == null ? -1 : st.lastCpu(), affinity));
        }
        return out;
    }

    /** The CPUs a thread may run on ({@code Cpus_allowed_list}); every CPU when it cannot be read. */
    private static BitSet affinity(long pid, long tid) {
        BitSet set = new BitSet();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid),
                    "status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    for (String part : line.substring(18).trim().split(",")) {
                        String[] r = part.split("-");
                        int from = Integer.parseInt(r[0].trim());
                        int to = r.length > 1 ? Integer.parseInt(r[1].trim()) : from;
                        set.set(from, to + 1);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            set.set(0, Runtime.getRuntime().availableProcessors());
        }
        return set;
    }

    /** The counters of the disk named by its target ({@code vda}) or its source path. */
    BlockStats blockStats(DomainRef ref, String disk) {
        QemuDomain d = node.domains.find(ref);
        QemuRun run = node.processes.activeRun(d);
        DomainDefinition live;
        synchronized (d) {
            live = d.live;
        }
        DiskDevice found = null;
        for (DiskDevice dd : live.devices(DiskDevice.class)) {
            if (dd.targetDev().equals(disk) || disk.equals(dd.source())) {
                found = dd;
            }
        }
        QemuCommand.DiskIds ids = found == null ? null : run.disks.get(found.targetDev());
        if (ids == null) {
            throw QemuErrors.invalidArg("invalid path: " + disk, d.name);
        }
        for (QemuMonitor.BlockDeviceStats s : run.monitor.blockStats()) {
            String qdev = s.qdev();
            boolean mine = ids.node() != null && ids.node().equals(s.nodeName())
                    || qdev != null && (qdev.equals(ids.device()) || qdev.contains("/" + ids.device() + "/")
                    || qdev.endsWith("/" + ids.device()));
            if (mine) {
                return new BlockStats(s.readRequests(), s.readBytes(), s.writeRequests(), s.writeBytes(), -1);
            }
        }
        throw QemuErrors.internal("QEMU reports no statistics for disk '" + disk + "' of domain '" + d.name + "'",
                d.name, null);
    }

    /** The counters of the interface named by its host device ({@code vnet0}) or MAC address, as the guest sees them. */
    InterfaceStats interfaceStats(DomainRef ref, String device) {
        QemuDomain d = node.domains.find(ref);
        node.processes.activeRun(d);
        DomainDefinition live;
        synchronized (d) {
            live = d.live;
        }
        InterfaceDevice nic = null;
        for (InterfaceDevice n : live.devices(InterfaceDevice.class)) {
            if (device.equals(n.targetDev()) || device.equalsIgnoreCase(n.mac())) {
                nic = n;
            }
        }
        if (nic == null) {
            throw QemuErrors.invalidArg("invalid path, '" + device + "' is not a known interface", d.name);
        }
        if (nic.type().equals("user")) {
            throw QemuErrors.error(ErrorCode.OPERATION_UNSUPPORTED, "interface statistics are not available for"
                    + " user-mode networking (interface " + nic.mac() + "): QEMU keeps no counters for it", d.name);
        }
        String ifname = nic.targetDev();
        if (ifname == null) {
            throw QemuErrors.internal("the host device of interface " + nic.mac() + " is not known", d.name, null);
        }
        Path stats = Path.of("/sys/class/net", ifname, "statistics");
        // The host sees the tap from the other side: its rx is the guest's tx.
        return new InterfaceStats(sys(stats, "tx_bytes"), sys(stats, "tx_packets"), sys(stats, "tx_errors"),
                sys(stats, "tx_dropped"), sys(stats, "rx_bytes"), sys(stats, "rx_packets"), sys(stats, "rx_errors"),
                sys(stats, "rx_dropped"));
    }

    private static long sys(Path dir, String name) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(name)).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
