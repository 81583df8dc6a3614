package org.jvirt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.JobInfo;
import org.jvirt.api.JobType;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.VirtException;

/**
 * Commands that create, start, stop and remove domains: {@code define}, {@code undefine},
 * {@code create}, {@code start}, {@code suspend}, {@code resume}, {@code shutdown}, {@code reboot},
 * {@code destroy}, {@code save}, {@code restore}, {@code dump}, and the jobs of the last ones:
 * {@code domjobinfo}, {@code domjobabort}.
 *
 * <p>As in virsh, the messages name the domain as the user wrote it ("Domain '1' destroyed"), except
 * where virsh uses the domain's own name (start, define, create).
 */
final class DomainLifecycleCommands implements CommandDef.Handler {
    /** Runs this class's commands: one handler, no lambda to link per command at start-up. */
    private static final CommandDef.Handler HANDLER = new DomainLifecycleCommands();

    /** virsh's words for a job type (virshDomainJobToString). */
    private static final Map<JobType, String> JOB_TYPE_LABELS = Map.of(JobType.NONE, "None",
            JobType.BOUNDED, "Bounded", JobType.UNBOUNDED, "Unbounded", JobType.COMPLETED, "Completed",
            JobType.FAILED, "Failed", JobType.CANCELLED, "Cancelled");

    @Override
    public void run(Session s, ParsedCommand c) {
        switch (c.name()) {
            case "define" -> define(s, c);
            case "undefine" -> undefine(s, c);
            case "create" -> create(s, c);
            case "start" -> start(s, c);
            case "suspend" -> act(s, c, "suspended", "suspend", Domain::suspend);
            case "resume" -> act(s, c, "resumed", "resume", Domain::resume);
            case "shutdown" -> act(s, c, "is being shutdown", "shutdown", Domain::shutdown);
            case "reboot" -> act(s, c, "is being rebooted", "reboot", Domain::reboot);
            case "destroy" -> act(s, c, "destroyed", "destroy", Domain::destroy);
            case "save" -> save(s, c);
            case "restore" -> restore(s, c);
            case "dump" -> dump(s, c);
            case "domjobinfo" -> domjobinfo(s, c);
            case "domjobabort" -> domjobabort(s, c);
            default -> throw new IllegalStateException("not a command of this class: " + c.name());
        }
    }

    private DomainLifecycleCommands() {
    }

    static List<CommandDef> commands() {
        OptDef file = OptDef.file("file", "file containing an XML domain description");
        return List.of(
                CommandDef.of("define", CommandGroup.DOMAIN, "define (but don't start) a domain from an XML file",
                        "Define a domain.", HANDLER,
                        file, OptDef.bool("validate", "validate the XML against the schema")),
                CommandDef.of("undefine", CommandGroup.DOMAIN, "undefine a domain",
                        "Undefine an inactive domain, or convert persistent to transient.",
                        HANDLER,
                        OptDef.domain(),
                        OptDef.bool("managed-save", "remove domain managed state file").unimplemented(),
                        OptDef.string("storage", "remove associated storage volumes (comma separated list of "
                                + "targets or source paths) (see domblklist)").unimplemented(),
                        OptDef.bool("remove-all-storage",
                                "remove all associated storage volumes (use with caution)").unimplemented(),
                        OptDef.bool("delete-storage-volume-snapshots", "delete snapshots associated with "
                                + "volume(s), requires --remove-all-storage (must be supported by storage driver)")
                                .unimplemented(),
                        OptDef.bool("wipe-storage", "wipe data on the removed volumes").unimplemented(),
                        OptDef.bool("snapshots-metadata",
                                "remove all domain snapshot metadata (vm must be inactive)").unimplemented(),
                        OptDef.bool("checkpoints-metadata",
                                "remove all domain checkpoint metadata (vm must be inactive)").unimplemented(),
                        OptDef.bool("nvram", "remove nvram file").unimplemented(),
                        OptDef.bool("keep-nvram", "keep nvram file").unimplemented(),
                        OptDef.bool("tpm", "remove TPM state").unimplemented(),
                        OptDef.bool("keep-tpm", "keep TPM state").unimplemented(),
                        OptDef.alias("delete-snapshots", "delete-storage-volume-snapshots"))
                        .requires("delete-storage-volume-snapshots", "remove-all-storage"),
                CommandDef.of("create", CommandGroup.DOMAIN, "create a domain from an XML file", "Create a domain.",
                        HANDLER,
                        file,
                        OptDef.bool("console", "attach to console after creation").unimplemented(),
                        OptDef.bool("paused", "leave the guest paused after creation"),
                        OptDef.bool("autodestroy",
                                "automatically destroy the guest when virsh disconnects").unimplemented(),
                        OptDef.string("pass-fds", "pass file descriptors N,M,... to the guest").unimplemented(),
                        OptDef.bool("validate", "validate the XML against the schema"),
                        OptDef.bool("reset-nvram", "re-initialize NVRAM from its pristine template").unimplemented()),
                CommandDef.of("start", CommandGroup.DOMAIN, "start a (previously defined) inactive domain",
                        "Start a domain, either from the last managedsave\n    state, or via a fresh boot if no "
                                + "managedsave state\n    is present.",
                        HANDLER,
                        OptDef.domain("name of the inactive domain"),
                        OptDef.bool("console", "attach to console after creation").unimplemented(),
                        OptDef.bool("paused", "leave the guest paused after creation"),
                        OptDef.bool("autodestroy",
                                "automatically destroy the guest when virsh disconnects").unimplemented(),
                        OptDef.bool("bypass-cache", "avoid file system cache when loading").unimplemented(),
                        OptDef.bool("force-boot", "force fresh boot by discarding any managed save").unimplemented(),
                        OptDef.string("pass-fds", "pass file descriptors N,M,... to the guest").unimplemented(),
                        OptDef.bool("reset-nvram", "re-initialize NVRAM from its pristine template").unimplemented()),
                CommandDef.of("suspend", CommandGroup.DOMAIN, "suspend a domain", "Suspend a running domain.",
                        HANDLER, OptDef.domain()),
                CommandDef.of("resume", CommandGroup.DOMAIN, "resume a domain", "Resume a previously suspended domain.",
                        HANDLER, OptDef.domain()),
                CommandDef.of("shutdown", CommandGroup.DOMAIN, "gracefully shutdown a domain",
                        "Run shutdown in the target domain.",
                        HANDLER,
                        OptDef.domain(), mode()),
                CommandDef.of("reboot", CommandGroup.DOMAIN, "reboot a domain",
                        "Run a reboot command in the target domain.",
                        HANDLER,
                        OptDef.domain(), mode()),
                CommandDef.of("destroy", CommandGroup.DOMAIN, "destroy (stop) a domain",
                        "Forcefully stop a given domain, but leave its resources intact.",
                        HANDLER,
                        OptDef.domain(),
                        OptDef.bool("graceful", "terminate gracefully").unimplemented(),
                        OptDef.bool("remove-logs", "remove domain logs").unimplemented()),
                CommandDef.of("save", CommandGroup.DOMAIN, "save a domain state to a file",
                        "Save the RAM state of a running domain.", HANDLER,
                        OptDef.domain(),
                        OptDef.file("file", "where to save the data"),
                        OptDef.bool("bypass-cache", "avoid file system cache when saving").unimplemented(),
                        OptDef.string("xml", "filename containing updated XML for the target").unimplemented(),
                        OptDef.bool("running", "set domain to be running on restore"),
                        OptDef.bool("paused", "set domain to be paused on restore"),
                        OptDef.bool("verbose", "display the progress of save")),
                CommandDef.of("restore", CommandGroup.DOMAIN, "restore a domain from a saved state in a file",
                        "Restore a domain.", HANDLER,
                        OptDef.file("file", "the state to restore"),
                        OptDef.bool("bypass-cache", "avoid file system cache when restoring").unimplemented(),
                        OptDef.string("xml", "filename containing updated XML for the target").unimplemented(),
                        OptDef.bool("running", "restore domain into running state"),
                        OptDef.bool("paused", "restore domain into paused state"),
                        OptDef.bool("reset-nvram", "re-initialize NVRAM from its pristine template").unimplemented()),
                CommandDef.of("dump", CommandGroup.DOMAIN, "dump the core of a domain to a file for analysis",
                        "Core dump a domain.", HANDLER,
                        OptDef.domain(),
                        OptDef.file("file", "where to dump the core"),
                        // jvirt's coreDump leaves the domain running: a live dump, whether asked or not.
                        OptDef.bool("live", "perform a live core dump if supported"),
                        OptDef.bool("crash", "crash the domain after core dump").unimplemented(),
                        OptDef.bool("bypass-cache", "avoid file system cache when dumping").unimplemented(),
                        OptDef.bool("reset", "reset the domain after core dump").unimplemented(),
                        OptDef.bool("verbose", "display the progress of dump"),
                        OptDef.bool("memory-only", "dump domain's memory only"),
                        OptDef.string("format", "specify the format of memory-only dump")
                                .choices("elf", "kdump-zlib", "kdump-lzo", "kdump-snappy", "kdump-zstd", "win-dmp")
                                .unimplemented()),
                CommandDef.of("domjobinfo", CommandGroup.DOMAIN, "domain job information",
                        "Returns information about jobs running on a domain.", HANDLER,
                        OptDef.domain(),
                        OptDef.bool("completed", "return statistics of a recently completed job").unimplemented(),
                        OptDef.bool("keep-completed", "don't destroy statistics of a recently completed job when "
                                + "reading").unimplemented(),
                        OptDef.bool("anystats", "print statistics for any kind of job (even failed ones)")
                                .unimplemented(),
                        OptDef.bool("rawstats", "print the raw data returned by libvirt").unimplemented()),
                CommandDef.of("domjobabort", CommandGroup.DOMAIN, "abort active domain job",
                        "Aborts the currently running domain job", HANDLER,
                        OptDef.domain(),
                        OptDef.bool("postcopy", "interrupt post-copy migration").unimplemented()));
    }

    private static OptDef mode() {
        return OptDef.string("mode", "shutdown mode: acpi|agent|initctl|signal|paravirt")
                .choices("acpi", "agent", "initctl", "signal", "paravirt").unimplemented();
    }

    private interface DomainAction {
        void apply(Domain domain);
    }

    /** "Domain 'X' DONE" on success; "Failed to VERB domain 'X'" and the library's message on failure. */
    private static void act(Session s, ParsedCommand c, String done, String verb, DomainAction act) {
        Domain d = s.domains().fromOption(c);
        String name = c.requiredString("domain");
        try {
            act.apply(d);
        } catch (VirtException e) {
            throw new CommandError("Failed to " + verb + " domain '" + name + "'", e);
        }
        s.out().extra("Domain '" + name + "' " + done + "\n");
    }

    private static DefineFlag[] flags(ParsedCommand c, boolean withPaused) {
        List<DefineFlag> flags = new ArrayList<>();
        if (c.has("validate")) {
            flags.add(DefineFlag.VALIDATE);
        }
        if (withPaused && c.has("paused")) {
            flags.add(DefineFlag.START_PAUSED);
        }
        return flags.toArray(new DefineFlag[0]);
    }

    private static void define(Session s, ParsedCommand c) {
        String file = c.requiredString("file");
        String xml = XmlFiles.read(s, file);
        Domain d;
        try {
            d = s.connection().defineDomain(xml, flags(c, false));
        } catch (VirtException e) {
            throw new CommandError("Failed to define domain from " + file, e);
        }
        s.out().extra("Domain '" + d.name() + "' defined from " + file + "\n");
    }

    private static void create(Session s, ParsedCommand c) {
        String file = c.requiredString("file");
        String xml = XmlFiles.read(s, file);
        Domain d;
        try {
            d = s.connection().createDomain(xml, flags(c, true));
        } catch (VirtException e) {
            throw new CommandError("Failed to create domain from " + file, e);
        }
        s.out().extra("Domain '" + d.name() + "' created from " + file + "\n");
    }

    private static void undefine(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        String name = c.requiredString("domain");
        try {
            d.undefine();
        } catch (VirtException e) {
            throw new CommandError("Failed to undefine domain '" + name + "'", e);
        }
        s.out().extra("Domain '" + name + "' has been undefined\n");
    }

    private static void start(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c, EnumSet.of(DomainResolver.By.NAME, DomainResolver.By.UUID));
        if (d.id() != -1) {
            throw new CommandError("Domain is already active");
        }
        try {
            if (c.has("paused")) {
                d.start(DefineFlag.START_PAUSED);
            } else {
                d.start();
            }
        } catch (VirtException e) {
            throw new CommandError("Failed to start domain '" + d.name() + "'", e);
        }
        s.out().extra("Domain '" + d.name() + "' started\n");
    }

    private static void save(Session s, ParsedCommand c) {
        String to = c.requiredString("file");
        Domain d = s.domains().fromOption(c);
        String name = c.requiredString("domain");
        Path target = s.resolve(to);
        try {
            SaveFlag[] flags = saveFlags(c);
            s.jobs().run("Save", c.has("verbose"), s.jobControl(d), () -> d.save(target, flags));
        } catch (VirtException e) {
            throw new CommandError("Failed to save domain '" + name + "' to " + to, e);
        }
        // virsh's job watcher ends a successful save with a newline before the message.
        s.out().extra("\nDomain '" + name + "' saved to " + to + "\n");
    }

    /** virsh's cmdDump: the domain's memory to a file, watched as a job. */
    private static void dump(Session s, ParsedCommand c) {
        String to = c.requiredString("file");
        Domain d = s.domains().fromOption(c);
        String name = c.requiredString("domain");
        Path target = s.resolve(to);
        try {
            CoreDumpFlag[] flags = c.has("memory-only") ? new CoreDumpFlag[] {CoreDumpFlag.MEMORY_ONLY}
                    : new CoreDumpFlag[0];
            s.jobs().run("Dump", c.has("verbose"), s.jobControl(d), () -> d.coreDump(target, flags));
        } catch (VirtException e) {
            throw new CommandError("Failed to core dump domain '" + name + "' to " + to, e);
        }
        s.out().extra("\nDomain '" + name + "' dumped to " + to + "\n");
    }

    /**
     * virsh's cmdDomjobinfo as it reads virDomainGetJobInfo (virsh's fallback when a driver has no
     * job statistics): the type, then for a running job its time and data.
     */
    private static void domjobinfo(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        JobInfo info;
        try {
            info = d.jobInfo();
        } catch (VirtException e) {
            throw Unsupported.asVirsh(e, "virDomainGetJobInfo");
        }
        s.out().print(formatJobInfo(info));
    }

    /** domjobinfo's lines for {@code info}, as virsh prints virDomainGetJobInfo's answer. */
    static String formatJobInfo(JobInfo info) {
        StringBuilder text = new StringBuilder(String.format("%-17s %-12s\n", "Job type:",
                JOB_TYPE_LABELS.get(info.type())));
        if (info.type() == JobType.NONE) {
            return text.toString();
        }
        text.append(String.format("%-17s %-12d ms\n", "Time elapsed:", info.elapsedMillis()));
        if (info.dataTotal() != 0 || info.dataRemaining() != 0 || info.dataProcessed() != 0) {
            text.append(String.format("%-17s %s\n", "Data processed:", VirshNumbers.prettyCapacity(info.dataProcessed())));
            text.append(String.format("%-17s %s\n", "Data remaining:", VirshNumbers.prettyCapacity(info.dataRemaining())));
            text.append(String.format("%-17s %s\n", "Data total:", VirshNumbers.prettyCapacity(info.dataTotal())));
        }
        return text.toString();
    }

    /** virsh's cmdDomjobabort: silent on success. */
    private static void domjobabort(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        try {
            d.abortJob();
        } catch (VirtException e) {
            throw Unsupported.asVirsh(e, "virDomainAbortJob");
        }
    }

    /** --running / --paused of save and restore; virsh leaves their exclusion to libvirt's API. */
    private static SaveFlag[] saveFlags(ParsedCommand c) {
        List<SaveFlag> flags = new ArrayList<>();
        if (c.has("running")) {
            flags.add(SaveFlag.RUNNING);
        }
        if (c.has("paused")) {
            flags.add(SaveFlag.PAUSED);
        }
        return flags.toArray(new SaveFlag[0]);
    }

    private static void restore(Session s, ParsedCommand c) {
        String from = c.requiredString("file");
        try {
            s.connection().restore(s.resolve(from), saveFlags(c));
        } catch (VirtException e) {
            throw new CommandError("Failed to restore domain from " + from, e);
        }
        s.out().extra("Domain restored from " + from + "\n");
    }
}
