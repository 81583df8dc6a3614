package org.jvirt.cli;

import java.util.List;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VirtException;

/**
 * Commands about the host and the connection: {@code capabilities}, {@code freecell},
 * {@code hostname}, {@code maxvcpus}, {@code nodeinfo}, {@code nodememstats}, {@code sysinfo},
 * {@code uri}, {@code version}.
 */
final class HostCommands implements CommandDef.Handler {
    /** Runs this class's commands: one handler, no lambda to link per command at start-up. */
    private static final CommandDef.Handler HANDLER = new HostCommands();

    @Override
    public void run(Session s, ParsedCommand c) {
        switch (c.name()) {
            case "nodeinfo" -> nodeinfo(s, c);
            case "capabilities" -> capabilities(s, c);
            case "version" -> version(s, c);
            case "uri" -> s.out().line(s.connection().uri());
            case "hostname" -> s.out().line(s.connection().hostname());
            case "freecell" -> freecell(s, c);
            case "maxvcpus" -> maxvcpus(s, c);
            case "nodememstats" -> nodememstats(s, c);
            case "sysinfo" -> sysinfo(s, c);
            default -> throw new IllegalStateException("not a command of this class: " + c.name());
        }
    }

    private HostCommands() {
    }

    static List<CommandDef> commands() {
        return List.of(
                CommandDef.of("nodeinfo", CommandGroup.HOST, "node information",
                        "Returns basic information about the node.", HANDLER),
                CommandDef.of("capabilities", CommandGroup.HOST, "capabilities",
                        "Returns capabilities of hypervisor/driver.", HANDLER),
                CommandDef.of("version", CommandGroup.HOST, "show version", "Display the system version information.",
                        HANDLER,
                        OptDef.bool("daemon", "report daemon version too").unimplemented()),
                CommandDef.of("uri", CommandGroup.HOST, "print the hypervisor canonical URI", "",
                        HANDLER),
                CommandDef.of("hostname", CommandGroup.HOST, "print the hypervisor hostname", "",
                        HANDLER),
                CommandDef.of("freecell", CommandGroup.HOST, "NUMA free memory",
                        "display available free memory for the NUMA cell.", HANDLER,
                        OptDef.optionalInt("cellno", "NUMA cell number"),
                        OptDef.bool("all", "show free memory for all NUMA cells")),
                CommandDef.of("maxvcpus", CommandGroup.HOST, "connection vcpu maximum",
                        "Show maximum number of virtual CPUs for guests on this connection.", HANDLER,
                        OptDef.string("type", "domain type")),
                CommandDef.of("nodememstats", CommandGroup.HOST, "Prints memory stats of the node.",
                        "Returns memory stats of the node, in kilobytes.", HANDLER,
                        OptDef.optionalInt("cell", "prints specified cell statistics only.")),
                CommandDef.of("sysinfo", CommandGroup.HOST, "print the hypervisor sysinfo",
                        "output an XML string for the hypervisor sysinfo, if available", HANDLER));
    }

    /** virsh's cmdFreecell: the whole host, one cell, or every cell of the capabilities with a total. */
    private static void freecell(Session s, ParsedCommand c) {
        c.exclusive("all", "cellno");
        Integer cell = c.intValue("cellno");
        Output out = s.out();
        Connection conn = s.connection();
        if (c.has("all")) {
            List<Integer> cells;
            try {
                cells = CapabilitiesXml.cellIds(conn.capabilities());
            } catch (VirtException e) {
                throw new CommandError("unable to get node capabilities", e);
            }
            long total = 0;
            for (int id : cells) {
                long[] free;
                try {
                    free = conn.cellsFreeMemory(id, 1);
                } catch (VirtException e) {
                    throw new CommandError("failed to get free memory for NUMA node number: " + id, e);
                }
                if (free.length != 1) {
                    throw new CommandError("failed to get free memory for NUMA node number: " + id);
                }
                out.printf("%5d: %10d KiB\n", id, free[0] / 1024);
                total += free[0];
            }
            out.extra("--------------------\n");
            out.extra(String.format(java.util.Locale.ROOT, "%5s: %10d KiB\n", "Total", total / 1024));
        } else if (cell != null) {
            if (cell < 0) {
                // libvirt's own check of virNodeGetCellsFreeMemory's argument, before any driver.
                throw new CommandError("startCell in virNodeGetCellsFreeMemory must be zero or greater");
            }
            long[] free = conn.cellsFreeMemory(cell, 1);
            if (free.length != 1) {
                throw new CommandError(List.of());
            }
            out.printf("%d: %d KiB\n", cell, free[0] / 1024);
        } else {
            long free = conn.freeMemory();
            if (free == 0) {
                throw new CommandError(List.of());
            }
            out.printf("%s: %d KiB\n", "Total", free / 1024);
        }
    }

    /** virsh's cmdMaxvcpus. */
    private static void maxvcpus(Session s, ParsedCommand c) {
        String type = c.string("type");
        s.out().printf("%d\n", s.connection().maxVcpus(type));
    }

    /**
     * virsh's cmdNodeMemStats: one line per statistic, name 7 wide and value 20 wide. virsh asks for
     * the count first ("Unable to get number of memory stats" when the driver lacks the function),
     * then for the values ("Unable to get memory stats").
     */
    private static void nodememstats(Session s, ParsedCommand c) {
        Integer cellOption = c.intValue("cell");
        int cell = cellOption == null ? -1 : cellOption;
        List<TypedParameter> stats;
        try {
            stats = s.connection().nodeMemoryStats(cell);
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                throw new CommandError("Unable to get number of memory stats",
                        Unsupported.message("virNodeGetMemoryStats"));
            }
            throw new CommandError("Unable to get memory stats", e);
        }
        Output out = s.out();
        for (TypedParameter p : stats) {
            out.printf("%-7s %20s KiB\n", p.name(), Long.toUnsignedString((Long) p.value()));
        }
    }

    /** virsh's cmdSysinfo: the document as the driver gives it (it ends with a newline). */
    private static void sysinfo(Session s, ParsedCommand c) {
        String sysinfo;
        try {
            sysinfo = s.connection().sysinfo();
        } catch (VirtException e) {
            throw new CommandError(List.of("failed to get sysinfo",
                    e.code() == ErrorCode.NO_SUPPORT ? Unsupported.message("virConnectGetSysinfo") : e.getMessage()));
        }
        s.out().printf("%s", sysinfo);
    }

    /** virsh's cmdNodeinfo; labels 20 wide, the frequency only when known. */
    private static void nodeinfo(Session s, ParsedCommand c) {
        NodeInfo info = s.connection().nodeInfo();
        Output out = s.out();
        out.printf("%-20s %s\n", "CPU model:", info.model());
        out.printf("%-20s %d\n", "CPU(s):", info.cpus());
        if (info.mhz() != 0) {
            out.printf("%-20s %d MHz\n", "CPU frequency:", info.mhz());
        }
        out.printf("%-20s %d\n", "CPU socket(s):", info.sockets());
        out.printf("%-20s %d\n", "Core(s) per socket:", info.cores());
        out.printf("%-20s %d\n", "Thread(s) per core:", info.threads());
        out.printf("%-20s %d\n", "NUMA cell(s):", info.numaNodes());
        out.printf("%-20s %d KiB\n", "Memory size:", info.memoryKiB());
    }

    /** virsh prints the document and one more newline. */
    private static void capabilities(Session s, ParsedCommand c) {
        s.out().print(DomainConfigCommands.withNewline(s.connection().capabilities()) + "\n");
    }

    /**
     * virsh's cmdVersion, with jvirt where virsh names libvirt: the library jvirsh was built with, the
     * library in use, the API of the driver and the hypervisor's own version.
     */
    private static void version(Session s, ParsedCommand c) {
        Connection conn = s.connection();
        Output out = s.out();
        String type = conn.type();
        String library = JvirtVersion.decode(conn.libraryVersion());
        out.line("Compiled against library: jvirt " + JvirtVersion.plain());
        out.line("Using library: jvirt " + library);
        out.line("Using API: " + type + " " + library);
        long hv;
        try {
            hv = conn.version();
        } catch (VirtException e) {
            throw new CommandError("failed to get the hypervisor version", e);
        }
        if (hv == 0) {
            out.line("Cannot extract running " + type + " hypervisor version");
        } else {
            out.line("Running hypervisor: " + type + " " + JvirtVersion.decode(hv));
        }
    }
}
