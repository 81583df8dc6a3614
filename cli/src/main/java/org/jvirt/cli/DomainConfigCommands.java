package org.jvirt.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.Domain;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VirtException;
import org.jvirt.api.XmlFlag;

/** Commands that show or change a domain's definition: {@code dumpxml}, {@code setmem}, {@code setmaxmem}, {@code setvcpus}. */
final class DomainConfigCommands {
    private static final BigInteger KIB = BigInteger.valueOf(1024);

    private DomainConfigCommands() {
    }

    static List<CommandDef> commands() {
        return List.of(
                CommandDef.of("dumpxml", CommandGroup.DOMAIN, "domain information in XML",
                        "Output the domain information as an XML dump to stdout.", DomainConfigCommands::dumpxml,
                        OptDef.domain(),
                        OptDef.bool("inactive", "show inactive defined XML"),
                        OptDef.bool("security-info", "include security sensitive information in XML dump"),
                        OptDef.bool("update-cpu", "update guest CPU according to host CPU").unimplemented(),
                        OptDef.bool("migratable", "provide XML suitable for migrations").unimplemented(),
                        OptDef.namedString("xpath", "xpath expression to filter the XML document").unimplemented(),
                        OptDef.bool("wrap", "wrap xpath results in an common root element").unimplemented()),
                CommandDef.of("setmem", CommandGroup.DOMAIN, "change memory allocation",
                        "Change the current memory allocation in the guest domain.", DomainConfigCommands::setmem,
                        OptDef.domain(),
                        OptDef.requiredInt("size", "new memory size, as scaled integer (default KiB)"),
                        OptDef.bool("config", "affect next boot"),
                        OptDef.bool("live", "affect running domain"),
                        OptDef.bool("current", "affect current domain")),
                CommandDef.of("setmaxmem", CommandGroup.DOMAIN, "change maximum memory limit",
                        "Change the maximum memory allocation limit in the guest domain.",
                        DomainConfigCommands::setmaxmem,
                        OptDef.domain(),
                        OptDef.requiredInt("size", "new maximum memory size, as scaled integer (default KiB)"),
                        // jvirt's setMaxMemory has no impact argument yet.
                        OptDef.bool("config", "affect next boot").unimplemented(),
                        OptDef.bool("live", "affect running domain").unimplemented(),
                        OptDef.bool("current", "affect current domain").unimplemented()),
                CommandDef.of("setvcpus", CommandGroup.DOMAIN, "change number of virtual CPUs",
                        "Change the number of virtual CPUs in the guest domain.", DomainConfigCommands::setvcpus,
                        OptDef.domain(),
                        OptDef.requiredInt("count", "number of virtual CPUs"),
                        OptDef.bool("maximum", "set maximum limit on next boot").unimplemented(),
                        OptDef.bool("config", "affect next boot"),
                        OptDef.bool("live", "affect running domain"),
                        OptDef.bool("current", "affect current domain"),
                        OptDef.bool("guest", "modify cpu state in the guest").unimplemented(),
                        OptDef.bool("hotpluggable", "make added vcpus hot(un)pluggable").unimplemented()));
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
    private static List<ModificationImpact> impacts(ParsedCommand c) {
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

    private static void setmaxmem(Session s, ParsedCommand c) {
        Domain d = s.domains().fromOption(c);
        long kib = kibibytes(c);
        try {
            d.setMaxMemory(kib);
        } catch (VirtException e) {
            throw new CommandError("Unable to change MaxMemorySize", e);
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
        if (impacts.isEmpty()) {
            d.setVcpus(vcpus);
        } else {
            for (ModificationImpact impact : impacts) {
                d.setVcpus(vcpus, impact);
            }
        }
    }
}
