package org.jvirt.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.TypedParameter;
import org.jvirt.api.VcpuFlag;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;

/**
 * Commands that show or change a domain's definition and resources: {@code dumpxml}, {@code setmem},
 * {@code setmaxmem}, {@code setvcpus}, {@code vcpupin}, {@code autostart}, {@code schedinfo}.
 */
final class DomainConfigCommands implements CommandDef.Handler {
    /** Runs this class's commands: one handler, no lambda to link per command at start-up. */
    private static final CommandDef.Handler HANDLER = new DomainConfigCommands();

    @Override
    public void run(Session s, ParsedCommand c) {
        switch (c.name()) {
            case "dumpxml" -> dumpxml(s, c);
            case "setmem" -> setmem(s, c);
            case "setmaxmem" -> setmaxmem(s, c);
            case "setvcpus" -> setvcpus(s, c);
            case "vcpupin" -> vcpupin(s, c);
            case "autostart" -> autostart(s, c);
            case "schedinfo" -> schedinfo(s, c);
            default -> throw new IllegalStateException("not a command of this class: " + c.name());
        }
    }

    private static final BigInteger KIB = BigInteger.valueOf(1024);

    private DomainConfigCommands() {
    }

    static List<CommandDef> commands() {
        return List.of(
                CommandDef.of("dumpxml", CommandGroup.DOMAIN, "domain information in XML",
                        "Output the domain information as an XML dump to stdout.", HANDLER,
                        OptDef.domain(),
                        OptDef.bool("inactive", "show inactive defined XML"),
                        OptDef.bool("security-info", "include security sensitive information in XML dump"),
                        OptDef.bool("update-cpu", "update guest CPU according to host CPU").unimplemented(),
                        OptDef.bool("migratable", "provide XML suitable for migrations").unimplemented(),
                        OptDef.namedString("xpath", "xpath expression to filter the XML document").unimplemented(),
                        OptDef.bool("wrap", "wrap xpath results in an common root element").unimplemented()),
                CommandDef.of("setmem", CommandGroup.DOMAIN, "change memory allocation",
                        "Change the current memory allocation in the guest domain.", HANDLER,
                        OptDef.domain(),
                        OptDef.requiredInt("size", "new memory size, as scaled integer (default KiB)"),
                        OptDef.alias("kilobytes", "size"),
                        OptDef.bool("config", "affect next boot"),
                        OptDef.bool("live", "affect running domain"),
                        OptDef.bool("current", "affect current domain")),
                CommandDef.of("setmaxmem", CommandGroup.DOMAIN, "change maximum memory limit",
                        "Change the maximum memory allocation limit in the guest domain.",
                        HANDLER,
                        OptDef.domain(),
                        OptDef.requiredInt("size", "new maximum memory size, as scaled integer (default KiB)"),
                        OptDef.alias("kilobytes", "size"),
                        OptDef.bool("config", "affect next boot"),
                        OptDef.bool("live", "affect running domain"),
                        OptDef.bool("current", "affect current domain")),
                CommandDef.of("setvcpus", CommandGroup.DOMAIN, "change number of virtual CPUs",
                        "Change the number of virtual CPUs in the guest domain.", HANDLER,
                        OptDef.domain(),
                        OptDef.requiredInt("count", "number of virtual CPUs"),
                        OptDef.bool("maximum", "set maximum limit on next boot"),
                        OptDef.bool("config", "affect next boot"),
                        OptDef.bool("live", "affect running domain"),
                        OptDef.bool("current", "affect current domain"),
                        OptDef.bool("guest", "modify cpu state in the guest"),
                        OptDef.bool("hotpluggable", "make added vcpus hot(un)pluggable"))
                        .exclusive("current", "live").exclusive("current", "config")
                        .exclusive("guest", "config").exclusive("hotpluggable", "config")
                        .requires("maximum", "config"),
                CommandDef.of("vcpupin", CommandGroup.DOMAIN, "control or query domain vcpu affinity",
                        "Pin domain VCPUs to host physical CPUs.", HANDLER,
                        OptDef.domain(),
                        OptDef.optionalInt("vcpu", "vcpu number"),
                        OptDef.string("cpulist", "host cpu number(s) to set, or omit option to query"),
                        OptDef.bool("config", "affect next boot"),
                        OptDef.bool("live", "affect running domain"),
                        OptDef.bool("current", "affect current domain"))
                        .exclusive("current", "live").exclusive("current", "config"),
                CommandDef.of("autostart", CommandGroup.DOMAIN, "autostart a domain",
                        "Configure a domain to be automatically started at boot.", HANDLER,
                        OptDef.domain(),
                        OptDef.bool("disable", "disable autostarting")),
                CommandDef.of("schedinfo", CommandGroup.DOMAIN, "show/set scheduler parameters",
                        "Show/Set scheduler parameters.", HANDLER,
                        OptDef.domain(),
                        OptDef.namedInt("weight", "weight for XEN_CREDIT"),
                        OptDef.namedInt("cap", "cap for XEN_CREDIT"),
                        OptDef.bool("current", "get/set current scheduler info"),
                        OptDef.bool("config", "get/set value to be used on next boot"),
                        OptDef.bool("live", "get/set value from running domain"),
                        OptDef.argv("set", "parameter=value"))
                        .exclusive("current", "live").exclusive("current", "config"));
    }

    private static void dumpxml(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        List<XmlFlag> flags = new ArrayList<>();
        if (c.has("inactive")) {
            flags.add(XmlFlag.INACTIVE);
        }
        if (c.has("security-info")) {
            flags.add(XmlFlag.SECURE);
        }
        s.out().print(withNewline(d.xmlDesc(flags.toArray(new XmlFlag[0]))));
    }

    /** libvirt's XML documents end with a newline, and virsh prints them as they are. */
    static String withNewline(String xml) {
        return xml.endsWith("\n") ? xml : xml + "\n";
    }

    /**
     * The definitions {@code --config}, {@code --live} and {@code --current} select, as virsh reads
     * them; none given means the old live-only call.
     */
    static List<ModificationImpact> impacts(ParsedCommand c) {
        c.exclusive("current", "live");
        c.exclusive("current", "config");
        List<ModificationImpact> impacts = new ArrayList<>();
        if (c.has("current")) {
            impacts.add(ModificationImpact.CURRENT);
        }
        if (c.has("live")) {
            impacts.add(ModificationImpact.LIVE);
        }
        if (c.has("config")) {
            impacts.add(ModificationImpact.CONFIG);
        }
        return impacts;
    }

    /** A scaled size option in KiB, rounded up as virsh's VIR_DIV_UP. */
    private static long kibibytes(ParsedCommand c) {
        BigInteger bytes = c.scaled("size", 1024);
        BigInteger[] qr = bytes.divideAndRemainder(KIB);
        BigInteger kib = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        return kib.longValueExact(); // at most 2^54: fits
    }

    private static void setmem(Session s, ParsedCommand c) {
        List<ModificationImpact> impacts = impacts(c); // virsh checks the flags before the domain
        Domain d = s.domains().fromOption(c);
        long kib = kibibytes(c);
        if (impacts.isEmpty()) {
            d.setMemory(kib);
        } else {
            // --live --config together: both definitions, live first, as libvirt applies them.
            for (ModificationImpact impact : impacts) {
                d.setMemory(kib, impact);
            }
        }
    }

    /** virsh's cmdSetmaxmem: no option is the old call (current definition); else each one asked for. */
    private static void setmaxmem(Session s, ParsedCommand c) {
        List<ModificationImpact> impacts = impacts(c);
        Domain d = s.domains().fromOption(c);
        long kib = kibibytes(c);
        try {
            if (impacts.isEmpty()) {
                d.setMaxMemory(kib);
            } else {
                for (ModificationImpact impact : impacts) {
                    d.setMaxMemory(kib, impact);
                }
            }
        } catch (VirtException e) {
            throw new CommandError("Unable to change MaxMemorySize", e);
        }
    }

    /** virsh's cmdVcpuPin: without a CPU list, the affinity table; with one, pins a vCPU. */
    private static void vcpupin(Session s, ParsedCommand c) {
        List<ModificationImpact> impacts = impacts(c);
        boolean live = c.has("live");
        boolean config = c.has("config");
        Domain d = s.domains().fromOption(c);
        long vcpu = c.unsignedInt("vcpu");
        boolean gotVcpu = vcpu >= 0;
        String cpulist = c.string("cpulist");
        int maxcpu = nodeCpuCount(s);
        if (cpulist == null) {
            // virsh's virshVcpuPinQuery: one row per vCPU up to the maximum, from virDomainGetVcpuPinInfo.
            c.exclusive("live", "config");
            boolean active = d.isActive();
            if (live && !active) {
                throw new CommandError("cannot get vcpupin for offline domain");
            }
            List<BitSet> pins;
            try {
                pins = d.vcpuPinInfo(config ? ModificationImpact.CONFIG
                        : live ? ModificationImpact.LIVE : ModificationImpact.CURRENT);
            } catch (VirtException e) {
                if (e.code() == ErrorCode.NO_SUPPORT) {
                    throw new CommandError(Unsupported.message("virDomainGetVcpuPinInfo"));
                }
                throw e;
            }
            if (gotVcpu && vcpu >= pins.size()) {
                throw new CommandError("vcpu " + vcpu + " is out of range of "
                        + (!config && (live || active) ? "live" : "persistent")
                        + " cpu count " + pins.size());
            }
            Table table = new Table("VCPU", "CPU Affinity");
            for (int i = 0; i < pins.size(); i++) {
                if (gotVcpu && i != vcpu) {
                    continue;
                }
                table.add(Integer.toString(i), CpuMaps.format(CpuMaps.clip(pins.get(i), maxcpu)));
            }
            table.print(s.out());
            return;
        }
        if (!gotVcpu) {
            throw new CommandError("vcpupin: Missing vCPU number in pin mode.");
        }
        BitSet cpus = CpuMaps.parseCpuList(cpulist, maxcpu);
        // --live --config: both definitions, live first (jvirt's API takes one impact per call).
        for (ModificationImpact impact : impacts.isEmpty() ? List.of(ModificationImpact.CURRENT) : impacts) {
            d.pinVcpu((int) vcpu, cpus, impact);
        }
    }

    /** virsh's virshNodeGetCPUCount: the size of the node's CPU map, else nodeinfo's CPU count. */
    static int nodeCpuCount(Session s) {
        try {
            return s.connection().nodeCpuMap().cpus();
        } catch (VirtException e) {
            org.jvirt.api.NodeInfo info = s.connection().nodeInfo();
            return info.numaNodes() * info.sockets() * info.cores() * info.threads();
        }
    }

    /** virsh's cmdAutostart. */
    private static void autostart(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        String name = c.requiredString("domain");
        boolean enable = !c.has("disable");
        try {
            d.setAutostart(enable);
        } catch (VirtException e) {
            throw new CommandError("Failed to " + (enable ? "mark" : "unmark") + " domain '" + name
                    + "' as autostarted", e);
        }
        s.out().extra("Domain '" + name + "' " + (enable ? "marked" : "unmarked") + " as autostarted\n");
    }

    /**
     * virsh's cmdSchedinfo: the scheduler, then its parameters, changed first when asked; of the
     * definition --live, --config or --current selects (--live --config: changed in both, shown live).
     */
    private static void schedinfo(Session s, ParsedCommand c) {
        List<ModificationImpact> impacts = impacts(c);
        ModificationImpact shown = impacts.isEmpty() ? ModificationImpact.CURRENT : impacts.get(0);
        Domain d = s.domains().fromOption(c);
        String type;
        try {
            type = d.schedulerType();
        } catch (VirtException e) {
            s.out().printf("%-15s: %s\n", "Scheduler", "Unknown");
            throw e;
        }
        s.out().printf("%-15s: %s\n", "Scheduler", type);
        List<TypedParameter> params = d.schedulerParameters(shown);
        if (params.isEmpty()) {
            return;
        }
        List<TypedParameter> updates = new ArrayList<>();
        for (String set : c.argv()) {
            int eq = set.indexOf('=');
            if (eq < 0) {
                throw new CommandError("Invalid syntax for --set, expecting name=value");
            }
            updates.add(TypedParameters.update(params, set.substring(0, eq), set.substring(eq + 1)));
        }
        for (String named : List.of("cap", "weight")) {
            String value = c.string(named);
            if (value != null) {
                updates.add(TypedParameters.update(params, named, value));
            }
        }
        if (!updates.isEmpty()) {
            for (ModificationImpact impact : impacts.isEmpty() ? List.of(ModificationImpact.CURRENT) : impacts) {
                d.setSchedulerParameters(updates, impact);
            }
            params = d.schedulerParameters(shown);
        }
        for (TypedParameter p : params) {
            s.out().printf("%-15s: %s\n", p.name(), TypedParameters.format(p));
        }
    }

    private static void setvcpus(Session s, ParsedCommand c) {
        List<ModificationImpact> impacts = impacts(c);
        Domain d = s.domains().fromOption(c);
        long count = c.unsignedInt("count");
        if (count == 0) {
            throw new CommandError("Can't set 0 processors for a VM");
        }
        // Counts beyond int reach the driver as the largest int: it refuses them as above its maximum.
        int vcpus = (int) Math.min(count, Integer.MAX_VALUE);
        List<VcpuFlag> flags = new ArrayList<>();
        for (VcpuFlag flag : VcpuFlag.values()) {
            if (c.has(flag.name().toLowerCase(java.util.Locale.ROOT))) {
                flags.add(flag);
            }
        }
        VcpuFlag[] chosen = flags.toArray(new VcpuFlag[0]);
        if (impacts.isEmpty() && flags.isEmpty()) {
            d.setVcpus(vcpus);
        } else {
            for (ModificationImpact impact : impacts.isEmpty() ? List.of(ModificationImpact.CURRENT) : impacts) {
                d.setVcpus(vcpus, impact, chosen);
            }
        }
    }
}
