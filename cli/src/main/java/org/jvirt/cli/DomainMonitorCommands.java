package org.jvirt.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainInfo;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.NodeSecurityModel;
import org.jvirt.api.SecurityLabel;
import org.jvirt.api.VirtException;
import org.jvirt.model.DomainXml;

/** Commands that look at domains without changing them: {@code list}, {@code dominfo}, {@code domstate}, {@code domid}, {@code domname}, {@code domuuid}. */
final class DomainMonitorCommands implements CommandDef.Handler {
    /** Runs this class's commands: one handler, no lambda to link per command at start-up. */
    private static final CommandDef.Handler HANDLER = new DomainMonitorCommands();

    @Override
    public void run(Session s, ParsedCommand c) {
        switch (c.name()) {
            case "list" -> list(s, c);
            case "dominfo" -> dominfo(s, c);
            case "domstate" -> domstate(s, c);
            case "domid" -> domid(s, c);
            case "domname" -> domname(s, c);
            case "domuuid" -> domuuid(s, c);
            default -> throw new IllegalStateException("not a command of this class: " + c.name());
        }
    }

    private DomainMonitorCommands() {
    }

    /** libvirt's "no limit" for maximum memory is an unsigned int's all-ones. */
    private static final long NO_MEMORY_LIMIT = 0xFFFF_FFFFL;

    static List<CommandDef> commands() {
        return List.of(
                CommandDef.of("list", CommandGroup.MONITOR, "list domains", "Returns list of domains.",
                        HANDLER,
                        OptDef.bool("inactive", "list inactive domains"),
                        OptDef.bool("all", "list inactive & active domains"),
                        OptDef.bool("transient", "list transient domains"),
                        OptDef.bool("persistent", "list persistent domains"),
                        OptDef.bool("with-snapshot", "list domains with existing snapshot"),
                        OptDef.bool("without-snapshot", "list domains without a snapshot"),
                        OptDef.bool("with-checkpoint", "list domains with existing checkpoint").unimplemented(),
                        OptDef.bool("without-checkpoint", "list domains without a checkpoint").unimplemented(),
                        OptDef.bool("state-running", "list domains in running state"),
                        OptDef.bool("state-paused", "list domains in paused state"),
                        OptDef.bool("state-shutoff", "list domains in shutoff state"),
                        OptDef.bool("state-other", "list domains in other states"),
                        OptDef.bool("autostart", "list domains with autostart enabled"),
                        OptDef.bool("no-autostart", "list domains with autostart disabled"),
                        OptDef.bool("with-managed-save", "list domains with managed save state"),
                        OptDef.bool("without-managed-save", "list domains without managed save"),
                        OptDef.bool("uuid", "list uuid's only"),
                        OptDef.bool("name", "list domain names only"),
                        OptDef.bool("id", "list domain IDs only"),
                        OptDef.bool("table", "list table (default)"),
                        OptDef.bool("managed-save", "mark inactive domains with managed save state"),
                        OptDef.bool("title", "show domain title")),
                CommandDef.of("dominfo", CommandGroup.MONITOR, "domain information",
                        "Returns basic information about the domain.", HANDLER,
                        OptDef.domain()),
                CommandDef.of("domstate", CommandGroup.MONITOR, "domain state", "Returns state about a domain.",
                        HANDLER,
                        OptDef.domain(), OptDef.bool("reason", "also print reason for the state")),
                CommandDef.of("domid", CommandGroup.DOMAIN, "convert a domain name or UUID to domain id", "",
                        HANDLER, OptDef.domain("domain name or uuid")),
                CommandDef.of("domname", CommandGroup.DOMAIN, "convert a domain id or UUID to domain name", "",
                        HANDLER, OptDef.domain("domain id or uuid")),
                CommandDef.of("domuuid", CommandGroup.DOMAIN, "convert a domain name or id to domain UUID", "",
                        HANDLER, OptDef.domain("domain id or name")));
    }

    /** virsh's cmdList: the table by default, or bare UUIDs / ids / names. */
    private static void list(Session s, ParsedCommand c) {
        Set<DomainListFilter> filters = EnumSet.of(DomainListFilter.ACTIVE);
        if (c.has("inactive") || c.has("state-shutoff")) {
            filters = EnumSet.of(DomainListFilter.INACTIVE);
        }
        if (c.has("all")) {
            filters = EnumSet.of(DomainListFilter.ACTIVE, DomainListFilter.INACTIVE);
        }
        filter(c, filters, "persistent", DomainListFilter.PERSISTENT);
        filter(c, filters, "transient", DomainListFilter.TRANSIENT);
        filter(c, filters, "with-managed-save", DomainListFilter.MANAGEDSAVE);
        filter(c, filters, "without-managed-save", DomainListFilter.NO_MANAGEDSAVE);
        filter(c, filters, "autostart", DomainListFilter.AUTOSTART);
        filter(c, filters, "no-autostart", DomainListFilter.NO_AUTOSTART);
        filter(c, filters, "with-snapshot", DomainListFilter.HAS_SNAPSHOT);
        filter(c, filters, "without-snapshot", DomainListFilter.NO_SNAPSHOT);
        filter(c, filters, "state-running", DomainListFilter.RUNNING);
        filter(c, filters, "state-paused", DomainListFilter.PAUSED);
        filter(c, filters, "state-shutoff", DomainListFilter.SHUTOFF);
        filter(c, filters, "state-other", DomainListFilter.OTHER);
        c.exclusive("table", "name");
        c.exclusive("table", "uuid");
        c.exclusive("table", "id");
        boolean uuid = c.has("uuid");
        boolean name = c.has("name");
        boolean id = c.has("id");
        boolean table = c.has("table") || (!uuid && !name && !id);

        boolean title = c.has("title");
        List<Domain> domains = DomainLister.collect(s.connection(), filters);
        Output out = s.out();
        Table rows = title ? new Table("Id", "Name", "State", "Title") : new Table("Id", "Name", "State");
        for (Domain d : domains) {
            int domId = d.id();
            String idText = domId == -1 ? "-" : Integer.toString(domId);
            if (table) {
                DomainState state;
                try {
                    state = stateOf(d).state();
                } catch (VirtException e) {
                    continue; // removed in the meantime, as virsh skips it
                }
                // jvirt has no managed save images, so --managed-save never turns "shut off" into "saved".
                if (title) {
                    rows.add(idText, d.name(), state.label(), titleOf(d));
                } else {
                    rows.add(idText, d.name(), state.label());
                }
            } else {
                StringBuilder line = new StringBuilder();
                String sep = "";
                if (uuid) {
                    line.append(d.uuidString());
                    sep = " ";
                }
                if (id) {
                    if (domId == -1 && !uuid && !name) {
                        continue; // ids alone are listed only for running domains
                    }
                    line.append(sep).append(idText);
                    sep = " ";
                }
                if (name) {
                    line.append(sep).append(d.name());
                }
                out.line(line.toString());
            }
        }
        if (table) {
            rows.print(out);
        }
    }

    /** The domain's {@code <title>}, or nothing, as virsh reads it (virDomainGetMetadata of the current XML). */
    private static String titleOf(Domain d) {
        String title = DomainXml.parse(d.xmlDesc()).title();
        return title == null ? "" : title;
    }

    private static void filter(ParsedCommand c, Set<DomainListFilter> filters, String option, DomainListFilter f) {
        if (c.has(option)) {
            filters.add(f);
        }
    }

    /**
     * The domain's state and reason, as virsh's virshDomainState: from the state call, or from the
     * info call (reason unknown) when the driver lacks the former.
     */
    static DomainStateReason stateOf(Domain d) {
        try {
            return d.state();
        } catch (VirtException e) {
            if (e.code() != ErrorCode.NO_SUPPORT) {
                throw e;
            }
            return DomainStateReason.of(d.info().state(), 0);
        }
    }

    /** virsh's cmdDominfo, line for line; the label column is 15 wide. */
    private static void dominfo(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        Output out = s.out();
        int id = d.id();
        row(out, "Id:", id == -1 ? "-" : Integer.toString(id));
        row(out, "Name:", d.name());
        row(out, "UUID:", d.uuidString());
        try {
            row(out, "OS Type:", d.osType());
        } catch (VirtException e) {
            // virsh leaves the line out when the OS type is unknown
        }
        VirtException infoError = null;
        try {
            DomainInfo info = d.info();
            row(out, "State:", info.state().label());
            row(out, "CPU(s):", Integer.toString(info.vcpus()));
            if (info.cpuTimeNanos() != 0) {
                out.printf("%-15s %.1fs\n", "CPU time:", info.cpuTimeNanos() / 1_000_000_000.0);
            }
            if (info.maxMemoryKiB() != NO_MEMORY_LIMIT) {
                row(out, "Max memory:", info.maxMemoryKiB() + " KiB");
            } else {
                row(out, "Max memory:", "no limit");
            }
            row(out, "Used memory:", info.memoryKiB() + " KiB");
        } catch (VirtException e) {
            infoError = e; // virsh prints the other lines and fails at the end
        }
        String persistent;
        try {
            persistent = d.isPersistent() ? "yes" : "no";
        } catch (VirtException e) {
            persistent = "unknown";
        }
        row(out, "Persistent:", persistent);
        try {
            row(out, "Autostart:", d.autostart() ? "enable" : "disable");
        } catch (VirtException e) {
            // virsh leaves the line out when autostart is unknown
        }
        // jvirt keeps no managed save images, so there is never one to report.
        row(out, "Managed save:", "no");
        NodeSecurityModel model = securityModel(s);
        // As virsh: only a connection with an active security model prints these lines.
        if (model != null && !model.model().isEmpty()) {
            row(out, "Security model:", model.model());
            row(out, "Security DOI:", model.doi());
            SecurityLabel label = d.securityLabel();
            if (!label.label().isEmpty()) {
                row(out, "Security label:", label.label() + " (" + (label.enforcing() ? "enforcing" : "permissive") + ")");
            }
        }
        if (infoError != null) {
            throw infoError;
        }
    }

    /** The host's security model, or null when the connection's drivers cannot say (virsh stays silent then). */
    private static NodeSecurityModel securityModel(Session s) {
        try {
            return s.connection().securityModel();
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                return null;
            }
            throw e;
        }
    }

    private static void row(Output out, String label, String value) {
        out.printf("%-15s %s\n", label, value);
    }

    private static void domstate(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        DomainStateReason reason = stateOf(d);
        if (c.has("reason")) {
            s.out().line(reason.state().label() + " (" + reason.label() + ")");
        } else {
            s.out().line(reason.state().label());
        }
    }

    private static void domid(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c, EnumSet.of(DomainResolver.By.NAME, DomainResolver.By.UUID));
        int id = d.id();
        s.out().line(id == -1 ? "-" : Integer.toString(id));
    }

    private static void domname(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c, EnumSet.of(DomainResolver.By.ID, DomainResolver.By.UUID));
        s.out().line(d.name());
    }

    private static void domuuid(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c, EnumSet.of(DomainResolver.By.ID, DomainResolver.By.NAME));
        s.out().line(d.uuidString());
    }
}
