package org.jvirt.cli;

import java.util.List;

/** Commands about jvirsh itself: {@code help}, {@code quit}, {@code exit}. */
final class ShellCommands {
    private ShellCommands() {
    }

    static List<CommandDef> commands(CommandRegistry registry) {
        return List.of(
                new CommandDef("help", CommandGroup.VIRSH, "print help",
                        "Prints global help, command specific help, or help for a\n    group of related commands",
                        List.of(OptDef.string("command", "Prints global help, command specific help, or help for a "
                                + "group of related commands")),
                        (s, c) -> help(registry, s.out(), c)),
                new CommandDef("exit", CommandGroup.VIRSH, "quit this interactive terminal", "", List.of(),
                        (s, c) -> s.requestQuit()),
                new CommandDef("quit", CommandGroup.VIRSH, "quit this interactive terminal", "", List.of(),
                        (s, c) -> s.requestQuit()));
    }

    private static void help(CommandRegistry registry, Output out, ParsedCommand c) {
        String name = c.raw("command");
        if (name == null || name.isEmpty()) {
            out.print("Grouped commands:\n\n");
            for (CommandGroup group : CommandGroup.values()) {
                out.print(groupHelp(registry, group, ":") + "\n");
            }
            return;
        }
        CommandDef def = registry.find(name);
        if (def != null) {
            out.print(commandHelp(def));
            return;
        }
        for (CommandGroup group : CommandGroup.values()) {
            if (group.title().equals(name) || group.keyword().equals(name)) {
                out.print(groupHelp(registry, group, ":"));
                return;
            }
        }
        throw new CommandError("command or command group '" + name + "' doesn't exist");
    }

    /** A group's heading and its commands, one per line; {@code colon} follows the heading in help but not in -h. */
    static String groupHelp(CommandRegistry registry, CommandGroup group, String colon) {
        StringBuilder text = new StringBuilder();
        text.append(' ').append(group.title()).append(" (help keyword '").append(group.keyword()).append("')")
                .append(colon).append('\n');
        for (CommandDef def : registry.inGroup(group)) {
            text.append(String.format("    %-30s %s\n", def.name(), def.help()));
        }
        return text.toString();
    }

    /** virsh's vshCmddefHelp: NAME, SYNOPSIS, DESCRIPTION (when there is one), OPTIONS (when there are some). */
    static String commandHelp(CommandDef def) {
        StringBuilder text = new StringBuilder();
        text.append("  NAME\n    ").append(def.name()).append(" - ").append(def.help()).append('\n');
        text.append("\n  SYNOPSIS\n    ").append(def.name());
        for (OptDef opt : def.options()) {
            text.append(' ').append(opt.synopsis());
        }
        text.append('\n');
        if (!def.description().isEmpty()) {
            text.append("\n  DESCRIPTION\n    ").append(def.description()).append('\n');
        }
        if (!def.options().isEmpty()) {
            text.append("\n  OPTIONS\n");
            for (OptDef opt : def.options()) {
                text.append(String.format("    %-15s  %s", opt.usage(), opt.help())).append('\n');
            }
        }
        return text.append('\n').toString();
    }
}
