package org.jvirt.cli;

import java.util.BitSet;
import java.util.List;
import org.jvirt.api.BlockStats;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.InterfaceStats;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VcpuInfo;
import org.jvirt.api.VirtException;

/** Counters and per-vCPU details of a domain: {@code vcpuinfo}, {@code domblkstat}, {@code domifstat}. */
final class DomainStatsCommands implements CommandDef.Handler {
    /** Runs this class's commands: one handler, no lambda to link per command at start-up. */
    private static final CommandDef.Handler HANDLER = new DomainStatsCommands();

    @Override
    public void run(Session s, ParsedCommand c) {
        switch (c.name()) {
            case "vcpuinfo" -> vcpuinfo(s, c);
            case "domblkstat" -> domblkstat(s, c);
            case "domifstat" -> domifstat(s, c);
            default -> throw new IllegalStateException("not a command of this class: " + c.name());
        }
    }

    private DomainStatsCommands() {
    }

    static List<CommandDef> commands() {
        return List.of(
                CommandDef.of("vcpuinfo", CommandGroup.DOMAIN, "detailed domain vcpu information",
                        "Returns basic information about the domain virtual CPUs.", HANDLER,
                        OptDef.domain(),
                        OptDef.bool("pretty", "return human readable output")),
                CommandDef.of("domblkstat", CommandGroup.MONITOR, "get device block stats for a domain",
                        "Get device block stats for a running domain. See man page or use --human for explanation "
                                + "of fields", HANDLER,
                        OptDef.domain(),
                        OptDef.string("device", "block device"),
                        OptDef.bool("human", "print a more human readable output")),
                CommandDef.of("domifstat", CommandGroup.MONITOR, "get network interface stats for a domain",
                        "Get network interface stats for a running domain.", HANDLER,
                        OptDef.domain(),
                        OptDef.data("interface", "interface device specified by name or MAC Address")));
    }

    /** virsh's cmdVcpuinfo: one block per vCPU, separated by blank lines. */
    private static void vcpuinfo(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        int maxcpu = DomainConfigCommands.nodeCpuCount(s);
        DomainInfo info = d.info();
        List<VcpuInfo> vcpus;
        try {
            vcpus = d.vcpuInfo();
        } catch (VirtException e) {
            if (info.state() != DomainState.SHUTOFF) {
                throw e;
            }
            vcpuinfoInactive(s, d, info.vcpus(), maxcpu, c.has("pretty"));
            return;
        }
        Output out = s.out();
        boolean pretty = c.has("pretty");
        for (int n = 0; n < vcpus.size(); n++) {
            VcpuInfo v = vcpus.get(n);
            out.printf("%-15s %d\n", "VCPU:", n);
            out.printf("%-15s %d\n", "CPU:", v.cpu());
            out.printf("%-15s %s\n", "State:", vcpuState(v.state()));
            if (v.cpuTimeNanos() != 0) {
                out.printf("%-15s %.1fs\n", "CPU time:", v.cpuTimeNanos() / 1_000_000_000.0);
            }
            if (pretty) {
                out.printf("%-15s %s (out of %d)\n", "CPU Affinity:", CpuMaps.format(CpuMaps.clip(v.affinity(), maxcpu)),
                        maxcpu);
            } else {
                out.printf("%-15s %s\n", "CPU Affinity:", CpuMaps.letters(v.affinity(), maxcpu));
            }
            if (n < vcpus.size() - 1) {
                out.print("\n");
            }
        }
    }

    /** virsh's virshVcpuinfoInactive: the persistent definition's pinning of each current vCPU. */
    private static void vcpuinfoInactive(Session s, Domain d, int vcpus, int maxcpu, boolean pretty) {
        List<BitSet> pins;
        try {
            pins = d.vcpuPinInfo(ModificationImpact.CONFIG);
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                throw new CommandError(Unsupported.message("virDomainGetVcpuPinInfo"));
            }
            throw e;
        }
        int n = Math.min(vcpus, pins.size());
        Output out = s.out();
        for (int i = 0; i < n; i++) {
            out.printf("%-15s %d\n", "VCPU:", i);
            out.printf("%-15s %s\n", "CPU:", "N/A");
            out.printf("%-15s %s\n", "State:", "N/A");
            out.printf("%-15s %s\n", "CPU time", "N/A");
            BitSet affinity = pins.get(i);
            if (pretty) {
                out.printf("%-15s %s (out of %d)\n", "CPU Affinity:", CpuMaps.format(CpuMaps.clip(affinity, maxcpu)),
                        maxcpu);
            } else {
                out.printf("%-15s %s\n", "CPU Affinity:", CpuMaps.letters(affinity, maxcpu));
            }
            if (i < n - 1) {
                out.print("\n");
            }
        }
    }

    /** virsh's virshDomainVcpuStateToString. */
    private static String vcpuState(int state) {
        return switch (state) {
            case 0 -> "offline";
            case 1 -> "running";
            case 2 -> "blocked";
            default -> "no state";
        };
    }

    /** virsh's cmdDomblkstat, through the older virDomainBlockStats call (jvirt's only one). */
    private static void domblkstat(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        String name = c.requiredString("domain");
        String device = c.string("device");
        if (device == null) {
            device = ""; // virsh's "all devices"
        }
        BlockStats stats;
        try {
            stats = d.blockStats(device);
        } catch (VirtException e) {
            throw new CommandError("Failed to get block stats " + name + " " + device, e);
        }
        boolean human = c.has("human");
        Output out = s.out();
        if (human) {
            out.printf("Device: %s\n", device);
            device = "";
        }
        stat(out, device, human, "rd_req", "number of read operations:", stats.readRequests());
        stat(out, device, human, "rd_bytes", "number of bytes read:", stats.readBytes());
        stat(out, device, human, "wr_req", "number of write operations:", stats.writeRequests());
        stat(out, device, human, "wr_bytes", "number of bytes written:", stats.writeBytes());
        stat(out, device, human, "errs", "error count:", stats.errors());
    }

    private static void stat(Output out, String device, boolean human, String legacy, String words, long value) {
        if (value >= 0) {
            if (human) {
                out.printf("%s %-31s %d\n", device, words, value);
            } else {
                out.printf("%s %s %d\n", device, legacy, value);
            }
        }
    }

    /** virsh's cmdDomIfstat: the counters the driver knows, each on its own line. */
    private static void domifstat(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        String name = c.requiredString("domain");
        String device = c.requiredString("interface");
        InterfaceStats stats;
        try {
            stats = d.interfaceStats(device);
        } catch (VirtException e) {
            throw new CommandError("Failed to get interface stats " + name + " " + device, e);
        }
        Output out = s.out();
        counter(out, device, "rx_bytes", stats.rxBytes());
        counter(out, device, "rx_packets", stats.rxPackets());
        counter(out, device, "rx_errs", stats.rxErrors());
        counter(out, device, "rx_drop", stats.rxDrops());
        counter(out, device, "tx_bytes", stats.txBytes());
        counter(out, device, "tx_packets", stats.txPackets());
        counter(out, device, "tx_errs", stats.txErrors());
        counter(out, device, "tx_drop", stats.txDrops());
    }

    private static void counter(Output out, String device, String field, long value) {
        if (value >= 0) {
            out.printf("%s %s %d\n", device, field, value);
        }
    }
}
