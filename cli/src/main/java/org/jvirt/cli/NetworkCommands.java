package org.jvirt.cli;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.Network;
import org.jvirt.api.VirtException;

/** Network commands: {@code net-list}, {@code net-dumpxml}. */
final class NetworkCommands {
    private NetworkCommands() {
    }

    static List<CommandDef> commands() {
        return List.of(
                CommandDef.of("net-list", CommandGroup.NETWORK, "list networks", "Returns list of networks.",
                        NetworkCommands::netList,
                        OptDef.bool("inactive", "list inactive networks"),
                        OptDef.bool("all", "list inactive & active networks"),
                        OptDef.bool("persistent", "list persistent networks"),
                        OptDef.bool("transient", "list transient networks"),
                        OptDef.bool("autostart", "list networks with autostart enabled"),
                        OptDef.bool("no-autostart", "list networks with autostart disabled"),
                        OptDef.bool("uuid", "list uuid's only"),
                        OptDef.bool("name", "list network names only"),
                        OptDef.bool("table", "list table (default)")),
                CommandDef.of("net-dumpxml", CommandGroup.NETWORK, "network information in XML",
                        "Output the network information as an XML dump to stdout.", NetworkCommands::netDumpxml,
                        OptDef.data("network", "network name or uuid"),
                        OptDef.bool("inactive", "show inactive defined XML"),
                        OptDef.namedString("xpath", "xpath expression to filter the XML document").unimplemented(),
                        OptDef.bool("wrap", "wrap xpath results in an common root element").unimplemented()));
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
        boolean active = !c.has("inactive") || c.has("all");
        boolean inactive = c.has("inactive") || c.has("all");
        List<Network> networks = new ArrayList<>();
        for (Network n : s.connection().listAllNetworks()) {
            boolean isActive = n.isActive();
            if (!(active && isActive || inactive && !isActive)) {
                continue;
            }
            if (c.has("persistent") || c.has("transient")) {
                boolean persistent = n.isPersistent();
                if (!(c.has("persistent") && persistent || c.has("transient") && !persistent)) {
                    continue;
                }
            }
            if (c.has("autostart") || c.has("no-autostart")) {
                boolean autostart = n.autostart();
                if (!(c.has("autostart") && autostart || c.has("no-autostart") && !autostart)) {
                    continue;
                }
            }
            networks.add(n);
        }
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
        s.out().print(DomainConfigCommands.withNewline(n.xmlDesc(c.has("inactive"))));
    }
}
