package org.jvirt.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.Network;
import org.jvirt.api.NetworkListFilter;
import org.jvirt.api.NetworkXmlFlag;
import org.jvirt.api.VirtException;

/**
 * Network commands: {@code net-autostart}, {@code net-create}, {@code net-define}, {@code net-destroy},
 * {@code net-dumpxml}, {@code net-info}, {@code net-list}, {@code net-name}, {@code net-start},
 * {@code net-undefine}, {@code net-uuid}. As in virsh, messages name the network as the user wrote
 * it, except {@code net-define} and {@code net-create}, which name the new network.
 */
final class NetworkCommands implements CommandDef.Handler {
    /** Runs this class's commands: one handler, no lambda to link per command at start-up. */
    private static final CommandDef.Handler HANDLER = new NetworkCommands();

    @Override
    public void run(Session s, ParsedCommand c) {
        switch (c.name()) {
            case "net-autostart" -> netAutostart(s, c);
            case "net-create" -> fromFile(s, c, true);
            case "net-define" -> fromFile(s, c, false);
            case "net-destroy" -> act(s, c, "destroyed", "destroy", Network::destroy);
            case "net-dumpxml" -> netDumpxml(s, c);
            case "net-info" -> netInfo(s, c);
            case "net-list" -> netList(s, c);
            case "net-name" -> s.out().line(s.networks().fromOption(c, EnumSet.of(NetworkResolver.By.UUID)).name());
            case "net-start" -> act(s, c, "started", "start", Network::start);
            case "net-uuid" -> s.out().line(s.networks().fromOption(c, EnumSet.of(NetworkResolver.By.NAME)).uuid()
                    .toString());
            case "net-undefine" -> act(s, c, "has been undefined", "undefine", Network::undefine);
            default -> throw new IllegalStateException("not a command of this class: " + c.name());
        }
    }

    private NetworkCommands() {
    }

    static List<CommandDef> commands() {
        OptDef network = OptDef.network("network name or uuid");
        // jvirt's defineNetwork/createNetwork take no flags yet: no schema validation on request.
        OptDef validate = OptDef.bool("validate", "validate the XML against the schema");
        return List.of(
                CommandDef.of("net-autostart", CommandGroup.NETWORK, "autostart a network",
                        "Configure a network to be automatically started at boot.", HANDLER,
                        network, OptDef.bool("disable", "disable autostarting")),
                CommandDef.of("net-create", CommandGroup.NETWORK, "create a network from an XML file",
                        "Create a network.", HANDLER,
                        OptDef.file("file", "file containing an XML network description"), validate),
                CommandDef.of("net-define", CommandGroup.NETWORK,
                        "define an inactive persistent virtual network or modify an existing persistent one from "
                                + "an XML file",
                        "Define or modify a persistent virtual network.", HANDLER,
                        OptDef.file("file", "file containing an XML network description"), validate),
                CommandDef.of("net-destroy", CommandGroup.NETWORK, "destroy (stop) a network",
                        "Forcefully stop a given network.",
                        HANDLER, network),
                CommandDef.of("net-dumpxml", CommandGroup.NETWORK, "network information in XML",
                        "Output the network information as an XML dump to stdout.", HANDLER,
                        network,
                        OptDef.bool("inactive", "show inactive defined XML"),
                        OptDef.namedString("xpath", "xpath expression to filter the XML document").unimplemented(),
                        OptDef.bool("wrap", "wrap xpath results in an common root element").unimplemented()),
                CommandDef.of("net-info", CommandGroup.NETWORK, "network information",
                        "Returns basic information about the network", HANDLER, network),
                CommandDef.of("net-list", CommandGroup.NETWORK, "list networks", "Returns list of networks.",
                        HANDLER,
                        OptDef.bool("inactive", "list inactive networks"),
                        OptDef.bool("all", "list inactive & active networks"),
                        OptDef.bool("persistent", "list persistent networks"),
                        OptDef.bool("transient", "list transient networks"),
                        OptDef.bool("autostart", "list networks with autostart enabled"),
                        OptDef.bool("no-autostart", "list networks with autostart disabled"),
                        OptDef.bool("uuid", "list uuid's only"),
                        OptDef.bool("name", "list network names only"),
                        OptDef.bool("table", "list table (default)")),
                CommandDef.of("net-name", CommandGroup.NETWORK, "convert a network UUID to network name", "",
                        HANDLER,
                        OptDef.network("network uuid")),
                CommandDef.of("net-start", CommandGroup.NETWORK, "start a (previously defined) inactive network",
                        "Start a network.", HANDLER,
                        OptDef.network("network name or uuid").completing(Completion.NETWORK)),
                CommandDef.of("net-undefine", CommandGroup.NETWORK, "undefine a persistent network",
                        "Undefine the configuration for a persistent network.",
                        HANDLER, network),
                CommandDef.of("net-uuid", CommandGroup.NETWORK, "convert a network name to network UUID", "",
                        HANDLER,
                        OptDef.network("network name")));
    }

    private interface NetworkAction {
        void apply(Network network);
    }

    /** "Network X DONE" on success; "Failed to VERB network X" and the library's message on failure. */
    private static void act(Session s, ParsedCommand c, String done, String verb, NetworkAction act) {
        Network n = s.networks().fromOption(c);
        String name = c.requiredString("network");
        try {
            act.apply(n);
        } catch (VirtException e) {
            throw new CommandError("Failed to " + verb + " network " + name, e);
        }
        s.out().extra("Network " + name + " " + done + "\n");
    }

    /** net-create and net-define: "Network NAME created/defined from FILE". */
    private static void fromFile(Session s, ParsedCommand c, boolean create) {
        String file = c.requiredString("file");
        String xml = XmlFiles.read(s, file);
        Network n;
        try {
            DefineFlag[] flags = c.has("validate") ? new DefineFlag[] {DefineFlag.VALIDATE} : new DefineFlag[0];
            n = create ? s.connection().createNetwork(xml, flags) : s.connection().defineNetwork(xml, flags);
        } catch (VirtException e) {
            throw new CommandError("Failed to " + (create ? "create" : "define") + " network from " + file, e);
        }
        s.out().extra("Network " + n.name() + " " + (create ? "created" : "defined") + " from " + file + "\n");
    }

    /** virsh's cmdNetworkAutostart. */
    private static void netAutostart(Session s, ParsedCommand c) {
        Network n = s.networks().fromOption(c);
        String name = c.requiredString("network");
        boolean enable = !c.has("disable");
        try {
            n.setAutostart(enable);
        } catch (VirtException e) {
            throw new CommandError("failed to " + (enable ? "mark" : "unmark") + " network " + name
                    + " as autostarted", e);
        }
        s.out().extra("Network " + name + " " + (enable ? "marked" : "unmarked") + " as autostarted\n");
    }

    /** virsh's cmdNetworkInfo, line for line; labels 15 wide. */
    private static void netInfo(Session s, ParsedCommand c) {
        Network n = s.networks().fromOption(c);
        Output out = s.out();
        row(out, "Name:", n.name());
        row(out, "UUID:", n.uuid().toString());
        try {
            row(out, "Active:", n.isActive() ? "yes" : "no");
        } catch (VirtException e) {
            // virsh leaves the line out
        }
        String persistent;
        try {
            persistent = n.isPersistent() ? "yes" : "no";
        } catch (VirtException e) {
            persistent = "unknown";
        }
        row(out, "Persistent:", persistent);
        String autostart;
        try {
            autostart = n.autostart() ? "yes" : "no";
        } catch (VirtException e) {
            autostart = "no autostart";
        }
        row(out, "Autostart:", autostart);
        try {
            row(out, "Bridge:", n.bridgeName());
        } catch (VirtException e) {
            // no bridge: virsh leaves the line out
        }
    }

    private static void row(Output out, String label, String value) {
        out.printf("%-15s %s\n", label, value);
    }

    /** virsh's cmdNetworkList: filters by activity, persistence and autostart; sorted by name. */
    private static void netList(Session s, ParsedCommand c) {
        boolean table = c.has("table");
        boolean uuid = c.has("uuid");
        boolean name = c.has("name");
        if ((table ? 1 : 0) + (uuid ? 1 : 0) + (name ? 1 : 0) > 1) {
            throw new CommandError("Only one argument from --table, --name and --uuid may be specified.");
        }
        if (!uuid && !name) {
            table = true;
        }
        // virsh's filters, as virConnectListAllNetworks takes them: active only unless --inactive or --all.
        List<NetworkListFilter> filters = new ArrayList<>();
        if (!c.has("all")) {
            filters.add(c.has("inactive") ? NetworkListFilter.INACTIVE : NetworkListFilter.ACTIVE);
        }
        for (String option : List.of("persistent", "transient", "autostart", "no-autostart")) {
            if (c.has(option)) {
                filters.add(NetworkListFilter.valueOf(option.toUpperCase(Locale.ROOT).replace('-', '_')));
            }
        }
        List<Network> networks = new ArrayList<>(s.connection().listAllNetworks(
                filters.toArray(new NetworkListFilter[0])));
        networks.sort((a, b) -> DomainLister.strcasecmp(a.name(), b.name()));

        Output out = s.out();
        Table rows = new Table("Name", "State", "Autostart", "Persistent");
        for (Network n : networks) {
            if (table) {
                String autostart;
                try {
                    autostart = n.autostart() ? "yes" : "no";
                } catch (VirtException e) {
                    autostart = "no autostart";
                }
                rows.add(n.name(), n.isActive() ? "active" : "inactive", autostart, n.isPersistent() ? "yes" : "no");
            } else if (uuid) {
                out.line(n.uuid().toString());
            } else {
                out.line(n.name());
            }
        }
        if (table) {
            rows.print(out);
        }
    }

    private static void netDumpxml(Session s, ParsedCommand c) {
        Network n = s.networks().fromOption(c);
        NetworkXmlFlag[] flags = c.has("inactive") ? new NetworkXmlFlag[] {NetworkXmlFlag.INACTIVE}
                : new NetworkXmlFlag[0];
        s.out().print(DomainConfigCommands.withNewline(n.xmlDesc(flags)));
    }
}
