package org.jvirt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.DestroyFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.JobInfo;
import org.jvirt.api.JobType;
import org.jvirt.api.RebootFlag;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.ShutdownFlag;
import org.jvirt.api.StartFlag;
import org.jvirt.api.UndefineFlag;
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
            case "shutdown" -> act(s, c, "is being shutdown", "shutdown",
                    d -> d.shutdown(modes(c, ShutdownFlag.class, ", or")));
            case "reboot" -> act(s, c, "is being rebooted", "reboot", d -> d.reboot(modes(c, RebootFlag.class, " or")));
            case "destroy" -> act(s, c, "destroyed", "destroy", d -> d.destroy(destroyFlags(c)));
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
                        OptDef.bool("managed-save", "remove domain managed state file"),
                        OptDef.string("storage", "remove associated storage volumes (comma separated list of "
                                + "targets or source paths) (see domblklist)").unimplemented(),
                        OptDef.bool("remove-all-storage",
                                "remove all associated storage volumes (use with caution)").unimplemented(),
                        OptDef.bool("delete-storage-volume-snapshots", "delete snapshots associated with "
                                + "volume(s), requires --remove-all-storage (must be supported by storage driver)")
                                .unimplemented(),
                        OptDef.bool("wipe-storage", "wipe data on the removed volumes").unimplemented(),
                        OptDef.bool("snapshots-metadata",
                                "remove all domain snapshot metadata (vm must be inactive)"),
                        OptDef.bool("checkpoints-metadata",
                                "remove all domain checkpoint metadata (vm must be inactive)"),
                        OptDef.bool("nvram", "remove nvram file"),
                        OptDef.bool("keep-nvram", "keep nvram file"),
                        OptDef.bool("tpm", "remove TPM state"),
                        OptDef.bool("keep-tpm", "keep TPM state"),
                        OptDef.alias("delete-snapshots", "delete-storage-volume-snapshots"))
                        .requires("delete-storage-volume-snapshots", "remove-all-storage")
                        .exclusive("nvram", "keep-nvram")
                        .exclusive("tpm", "keep-tpm"),
                CommandDef.of("create", CommandGroup.DOMAIN, "create a domain from an XML file", "Create a domain.",
                        HANDLER,
                        file,
                        OptDef.bool("console", "attach to console after creation").unimplemented(),
                        OptDef.bool("paused", "leave the guest paused after creation"),
                        OptDef.bool("autodestroy", "automatically destroy the guest when virsh disconnects"),
                        OptDef.string("pass-fds", "pass file descriptors N,M,... to the guest").unimplemented(),
                        OptDef.bool("validate", "validate the XML against the schema"),
                        OptDef.bool("reset-nvram", "re-initialize NVRAM from its pristine template")),
                CommandDef.of("start", CommandGroup.DOMAIN, "start a (previously defined) inactive domain",
                        "Start a domain, either from the last managedsave\n    state, or via a fresh boot if no "
                                + "managedsave state\n    is present.",
                        HANDLER,
                        OptDef.domain("name of the inactive domain"),
                        OptDef.bool("console", "attach to console after creation").unimplemented(),
                        OptDef.bool("paused", "leave the guest paused after creation"),
                        OptDef.bool("autodestroy", "automatically destroy the guest when virsh disconnects"),
                        OptDef.bool("bypass-cache", "avoid file system cache when loading"),
                        OptDef.bool("force-boot", "force fresh boot by discarding any managed save"),
                        OptDef.string("pass-fds", "pass file descriptors N,M,... to the guest").unimplemented(),
                        OptDef.bool("reset-nvram", "re-initialize NVRAM from its pristine template")),
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
                        OptDef.bool("graceful", "terminate gracefully"),
                        OptDef.bool("remove-logs", "remove domain logs")),
                CommandDef.of("save", CommandGroup.DOMAIN, "save a domain state to a file",
                        "Save the RAM state of a running domain.", HANDLER,
                        OptDef.domain(),
                        OptDef.file("file", "where to save the data"),
                        OptDef.bool("bypass-cache", "avoid file system cache when saving"),
                        OptDef.string("xml", "filename containing updated XML for the target").unimplemented(),
                        OptDef.bool("running", "set domain to be running on restore"),
                        OptDef.bool("paused", "set domain to be paused on restore"),
                        OptDef.bool("verbose", "display the progress of save")),
                CommandDef.of("restore", CommandGroup.DOMAIN, "restore a domain from a saved state in a file",
                        "Restore a domain.", HANDLER,
                        OptDef.file("file", "the state to restore"),
                        OptDef.bool("bypass-cache", "avoid file system cache when restoring"),
                        OptDef.string("xml", "filename containing updated XML for the target").unimplemented(),
                        OptDef.bool("running", "restore domain into running state"),
                        OptDef.bool("paused", "restore domain into paused state"),
                        OptDef.bool("reset-nvram", "re-initialize NVRAM from its pristine template")),
                CommandDef.of("dump", CommandGroup.DOMAIN, "dump the core of a domain to a file for analysis",
                        "Core dump a domain.", HANDLER,
                        OptDef.domain(),
                        OptDef.file("file", "where to dump the core"),
                        OptDef.bool("live", "perform a live core dump if supported"),
                        OptDef.bool("crash", "crash the domain after core dump"),
                        OptDef.bool("bypass-cache", "avoid file system cache when dumping"),
                        OptDef.bool("reset", "reset the domain after core dump"),
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
                .choices("acpi", "agent", "initctl", "signal", "paravirt");
    }

    /** virsh's words for the shutdown and reboot modes, in the order of libvirt's bits. */
    private static final List<String> MODES = List.of("acpi", "agent", "initctl", "signal", "paravirt");

    /**
     * {@code --mode acpi,agent} as the flags of shutdown or reboot (whose enums list the modes in
     * the same order); virsh words the list of known modes slightly differently for each.
     */
    private static <F extends Enum<F>> F[] modes(ParsedCommand c, Class<F> type, String lastSeparator) {
        String mode = c.string("mode");
        List<F> flags = new ArrayList<>();
        if (mode != null) {
            for (String word : mode.split(",", -1)) {
                int i = MODES.indexOf(word);
                if (i < 0) {
                    throw new CommandError("Unknown mode " + word + " value, expecting 'acpi', 'agent', 'initctl',"
                            + " 'signal'" + lastSeparator + " 'paravirt'");
                }
                flags.add(type.getEnumConstants()[i]);
            }
        }
        @SuppressWarnings("unchecked")
        F[] array = flags.toArray((F[]) java.lang.reflect.Array.newInstance(type, 0));
        return array;
    }

    private static DestroyFlag[] destroyFlags(ParsedCommand c) {
        return optionFlags(c, DestroyFlag.values()).toArray(new DestroyFlag[0]);
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

    /**
     * The flags among {@code candidates} whose virsh option is set: the option is the flag's name in
     * lower case with dashes ({@code FORCE_BOOT}: {@code --force-boot}), as virsh names them.
     */
    @SafeVarargs
    private static <F extends Enum<F>> List<F> optionFlags(ParsedCommand c, F... candidates) {
        List<F> flags = new ArrayList<>();
        for (F flag : candidates) {
            if (c.has(flag.name().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** The start flags of {@code create} or {@code start}: each whose option the command has and was given. */
    private static StartFlag[] startFlags(ParsedCommand c) {
        return optionFlags(c, StartFlag.values()).toArray(new StartFlag[0]);
    }

    private static void define(Session s, ParsedCommand c) {
        String file = c.requiredString("file");
        String xml = XmlFiles.read(s, file);
        Domain d;
        try {
            d = s.connection().defineDomain(xml, c.has("validate") ? new DefineFlag[] {DefineFlag.VALIDATE}
                    : new DefineFlag[0]);
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
            d = s.connection().createDomain(xml, startFlags(c));
        } catch (VirtException e) {
            throw new CommandError("Failed to create domain from " + file, e);
        }
        s.out().extra("Domain '" + d.name() + "' created from " + file + "\n");
    }

    /**
     * virsh's cmdUndefine, for a library without managed save, snapshot or checkpoint APIs (virsh
     * drops those flags when the domain has none, as jvirt's never do): the flags for firmware
     * variables and TPM state, and when the driver refuses them, virsh's fall-back to a plain
     * undefine — except for --nvram, which must not be ignored.
     */
    private static void undefine(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        String name = c.requiredString("domain");
        List<UndefineFlag> flags = optionFlags(c, UndefineFlag.NVRAM, UndefineFlag.KEEP_NVRAM, UndefineFlag.TPM,
                UndefineFlag.KEEP_TPM);
        try {
            try {
                d.undefine(flags.toArray(new UndefineFlag[0]));
            } catch (VirtException e) {
                boolean flagRefused = e.code() == ErrorCode.NO_SUPPORT || e.code() == ErrorCode.INVALID_ARG;
                if (!flagRefused || flags.isEmpty() || c.has("nvram")) {
                    throw e;
                }
                d.undefine();
            }
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
        StartFlag[] flags = startFlags(c);
        try {
            try {
                d.start(flags);
            } catch (VirtException e) {
                // virsh emulates a forced boot where it is refused: with no managed save image (jvirt has
                // none), a plain boot is one.
                boolean forced = List.of(flags).contains(StartFlag.FORCE_BOOT);
                if (!forced || e.code() != ErrorCode.NO_SUPPORT && e.code() != ErrorCode.INVALID_ARG) {
                    throw e;
                }
                d.start(List.of(flags).stream().filter(f -> f != StartFlag.FORCE_BOOT).toArray(StartFlag[]::new));
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
            CoreDumpFlag[] flags = optionFlags(c, CoreDumpFlag.values()).toArray(new CoreDumpFlag[0]);
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

    /** The flags of save and restore; virsh leaves the exclusion of --running and --paused to libvirt's API. */
    private static SaveFlag[] saveFlags(ParsedCommand c) {
        return optionFlags(c, SaveFlag.values()).toArray(new SaveFlag[0]);
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
