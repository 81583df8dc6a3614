package org.jvirt.cli;

import java.util.List;
import org.jvirt.api.Connection;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.VirtException;

/** Commands about the host and the connection: {@code nodeinfo}, {@code capabilities}, {@code version}, {@code uri}, {@code hostname}. */
final class HostCommands {
    private HostCommands() {
    }

    static List<CommandDef> commands() {
        return List.of(
                CommandDef.of("nodeinfo", CommandGroup.HOST, "node information",
                        "Returns basic information about the node.", HostCommands::nodeinfo),
                CommandDef.of("capabilities", CommandGroup.HOST, "capabilities",
                        "Returns capabilities of hypervisor/driver.", HostCommands::capabilities),
                CommandDef.of("version", CommandGroup.HOST, "show version", "Display the system version information.",
                        HostCommands::version,
                        OptDef.bool("daemon", "report daemon version too").unimplemented()),
                CommandDef.of("uri", CommandGroup.HOST, "print the hypervisor canonical URI", "",
                        (s, c) -> s.out().line(s.connection().uri())),
                CommandDef.of("hostname", CommandGroup.HOST, "print the hypervisor hostname", "",
                        (s, c) -> s.out().line(s.connection().hostname())));
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
