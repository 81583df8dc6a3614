package org.jvirt.cli;

import java.util.List;
import org.jvirt.api.Domain;
import org.jvirt.api.VirtException;

/**
 * {@code domxml-from-native FORMAT FILE} and {@code domxml-to-native FORMAT (--domain D | --xml FILE)}:
 * conversion between domain XML and the native configurations drivers know (qemu-argv, xen-sxpr,
 * xen-xm).
 *
 * <p>The connection picks the driver that speaks the format; an unknown format fails naming the
 * formats the connection's drivers know, and a connection without the conversion fails in virsh's
 * words for a driver without the function.
 */
final class NativeXmlCommands implements CommandDef.Handler {
    /** Runs this class's commands: one handler, no lambda to link per command at start-up. */
    private static final CommandDef.Handler HANDLER = new NativeXmlCommands();

    @Override
    public void run(Session s, ParsedCommand c) {
        switch (c.name()) {
            case "domxml-from-native" -> fromNative(s, c);
            case "domxml-to-native" -> toNative(s, c);
            default -> throw new IllegalStateException("not a command of this class: " + c.name());
        }
    }

    private NativeXmlCommands() {
    }

    /** The formats jvirt's drivers are to contribute, for completion. */
    static final String[] FORMATS = {"qemu-argv", "xen-sxpr", "xen-xm"};

    static List<CommandDef> commands() {
        return List.of(
                CommandDef.of("domxml-from-native", CommandGroup.DOMAIN, "Convert native config to domain XML",
                        "Convert native guest configuration format to domain XML format.",
                        HANDLER,
                        OptDef.data("format", "source config data format").choices(FORMATS),
                        OptDef.file("config", "config data file to import from")),
                CommandDef.of("domxml-to-native", CommandGroup.DOMAIN, "Convert domain XML to native config",
                        "Convert domain XML config to a native guest configuration format.",
                        HANDLER,
                        OptDef.data("format", "target config data type format").choices(FORMATS),
                        OptDef.namedString("domain", "domain name, id or uuid").completing(Completion.DOMAIN),
                        OptDef.string("xml", "xml data file to export from").completing(Completion.FILE)));
    }

    /** virsh's cmdDomXMLFromNative: reads the file, then converts. */
    private static void fromNative(Session s, ParsedCommand c) {
        String format = c.requiredString("format");
        String config = XmlFiles.read(s, c.requiredString("config"));
        try {
            s.out().print(s.connection().domainXmlFromNative(format, config));
        } catch (VirtException e) {
            throw Unsupported.asVirsh(e, "virConnectDomainXMLFromNative");
        }
    }

    /** virsh's cmdDomXMLToNative: the domain's XML or a file's, then converts. */
    private static void toNative(Session s, ParsedCommand c) {
        c.exclusive("domain", "xml");
        String format = c.requiredString("format");
        String xmlFile = c.string("xml");
        Domain domain = c.has("domain") ? s.domains().fromOption(c) : null;
        String xml;
        if (domain != null) {
            xml = domain.xmlDesc();
        } else if (xmlFile != null) {
            xml = XmlFiles.read(s, xmlFile);
        } else {
            throw new CommandError("need either domain or domain XML");
        }
        try {
            s.out().line(s.connection().domainXmlToNative(format, xml));
        } catch (VirtException e) {
            throw Unsupported.asVirsh(e, "virConnectDomainXMLToNative");
        }
    }
}
