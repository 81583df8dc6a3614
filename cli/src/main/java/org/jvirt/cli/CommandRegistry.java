package org.jvirt.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every command jvirsh knows, by name. Built once per run from the command groups; nothing is
 * scanned or reflected on, so start-up stays quick.
 */
final class CommandRegistry {
    private final List<CommandDef> all = new ArrayList<>();
    private final Map<String, CommandDef> byName = new HashMap<>();

    CommandRegistry() {
        register(DomainLifecycleCommands.commands());
        register(DomainConfigCommands.commands());
        register(DomainMonitorCommands.commands());
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

    /** A group's commands, sorted by name as virsh's help lists them. */
    List<CommandDef> inGroup(CommandGroup group) {
        List<CommandDef> defs = new ArrayList<>();
        for (CommandDef def : all) {
            if (def.group() == group) {
                defs.add(def);
            }
        }
        defs.sort((a, b) -> a.name().compareTo(b.name()));
        return defs;
    }
}
