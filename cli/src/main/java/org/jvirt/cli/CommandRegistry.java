package org.jvirt.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every command jvirsh knows, by name. Built once per run from the command groups; nothing is
 * scanned or reflected on, so start-up stays quick. The same model drives parsing, help, the
 * interactive shell's completion and the generated bash completion script.
 */
final class CommandRegistry {
    private final List<CommandDef> all = new ArrayList<>();
    private final Map<String, CommandDef> byName = new HashMap<>();

    CommandRegistry() {
        register(DomainLifecycleCommands.commands());
        register(DomainConfigCommands.commands());
        register(DomainDeviceCommands.commands());
        register(DomainMonitorCommands.commands());
        register(DomainStatsCommands.commands());
        register(NativeXmlCommands.commands());
        register(EventCommands.commands());
        register(HostCommands.commands());
        register(NetworkCommands.commands());
        register(ShellCommands.commands(this));
    }

    private void register(List<CommandDef> defs) {
        for (CommandDef def : defs) {
            if (byName.putIfAbsent(def.name(), def) != null) {
                throw new IllegalStateException("command defined twice: " + def.name());
            }
            all.add(def);
        }
    }

    /** The command called {@code name}, or null. */
    CommandDef find(String name) {
        return byName.get(name);
    }

    /** Every command, hidden ones included, in registration order. */
    List<CommandDef> all() {
        return List.copyOf(all);
    }

    /** Every command help lists, in registration order. */
    List<CommandDef> visible() {
        return all.stream().filter(d -> !d.has(CommandDef.Flag.HIDDEN)).toList();
    }

    /** A group's commands as virsh's help lists them: by name, or in declaration order for virsh's own group. */
    List<CommandDef> inGroup(CommandGroup group) {
        List<CommandDef> defs = new ArrayList<>();
        for (CommandDef def : all) {
            if (def.group() == group && !def.has(CommandDef.Flag.HIDDEN)) {
                defs.add(def);
            }
        }
        if (group.sorted()) {
            defs.sort((a, b) -> a.name().compareTo(b.name()));
        }
        return defs;
    }
}
