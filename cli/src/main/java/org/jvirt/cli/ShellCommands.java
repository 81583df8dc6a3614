package org.jvirt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands about jvirsh itself, in virsh's order: {@code cd}, {@code echo}, {@code exit}, {@code help},
 * {@code pwd}, {@code quit}, {@code connect}, and the hidden {@code complete} the bash completion uses.
 */
final class ShellCommands implements CommandDef.Handler {
    private final CommandRegistry registry;

    private ShellCommands(CommandRegistry registry) {
        this.registry = registry;
    }

    /** Runs these commands: one handler, no lambda to link per command at start-up. */
    @Override
    public void run(Session s, ParsedCommand c) {
        switch (c.name()) {
            case "cd" -> cd(s, c);
            case "echo" -> echo(s, c);
            case "exit", "quit" -> s.requestQuit();
            case "help" -> help(registry, s.out(), c);
            case "pwd" -> s.out().line(s.cwd().toString());
            case "connect" -> connect(s, c);
            case "complete" -> complete(registry, s, c);
            default -> throw new IllegalStateException("not a command of this class: " + c.name());
        }
    }

    static List<CommandDef> commands(CommandRegistry registry) {
        CommandDef.Flag noConnect = CommandDef.Flag.NO_CONNECT;
        ShellCommands handler = new ShellCommands(registry);
        return List.of(
                CommandDef.of("cd", CommandGroup.VIRSH, "change the current directory",
                        "Change the current directory.", handler,
                        OptDef.string("dir", "directory to switch to (default: home or else root)")
                                .completing(Completion.FILE)).with(noConnect),
                CommandDef.of("echo", CommandGroup.VIRSH, "echo arguments. Used for internal testing.",
                        "Echo back arguments, possibly with quoting. Used for internal testing.", handler,
                        OptDef.bool("shell", "escape for shell use"),
                        OptDef.bool("xml", "escape for XML use"),
                        OptDef.bool("split", "split each argument on ','; ',,' is an escape sequence"),
                        OptDef.bool("err", "output to stderr"),
                        OptDef.alias("str", "string"),
                        OptDef.alias("hi", "string=hello"),
                        OptDef.argv("string", "arguments to echo")).with(noConnect),
                new CommandDef("exit", CommandGroup.VIRSH, "quit this interactive terminal", "", List.of(),
                        handler, noConnect),
                new CommandDef("help", CommandGroup.VIRSH, "print help",
                        "Prints global help, command specific help, or help for a\n    group of related commands",
                        List.of(OptDef.string("command", "Prints global help, command specific help, or help for a "
                                + "group of related commands").completing(Completion.COMMAND)),
                        handler, noConnect),
                new CommandDef("pwd", CommandGroup.VIRSH, "print the current directory",
                        "Print the current directory.", List.of(),
                        handler, noConnect),
                new CommandDef("quit", CommandGroup.VIRSH, "quit this interactive terminal", "", List.of(),
                        handler, noConnect),
                CommandDef.of("connect", CommandGroup.VIRSH, "(re)connect to hypervisor",
                        "Connect to local hypervisor. This is built-in command after shell start up.",
                        handler,
                        OptDef.string("name", "hypervisor connection URI"),
                        OptDef.bool("readonly", "read-only connection")).with(noConnect),
                CommandDef.of("complete", CommandGroup.VIRSH, "internal command for autocompletion",
                        "internal use only", handler,
                        OptDef.argv("string", "partial string to autocomplete"))
                        .with(noConnect, CommandDef.Flag.HIDDEN));
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
        boolean shortArgv = def.argvShownByName();
        List<OptDef> options = def.visibleOptions();
        StringBuilder text = new StringBuilder();
        text.append("  NAME\n    ").append(def.name()).append(" - ").append(def.help()).append('\n');
        text.append("\n  SYNOPSIS\n    ").append(def.name());
        for (OptDef opt : options) {
            text.append(' ').append(opt.synopsis(shortArgv));
        }
        text.append('\n');
        if (!def.description().isEmpty()) {
            text.append("\n  DESCRIPTION\n    ").append(def.description()).append('\n');
        }
        if (!options.isEmpty()) {
            text.append("\n  OPTIONS\n");
            for (OptDef opt : options) {
                text.append(String.format("    %-15s  %s", opt.usage(shortArgv), opt.help())).append('\n');
            }
        }
        return text.append('\n').toString();
    }

    /** virsh's cmdCd: only in the shell; no argument means the home directory. */
    private static void cd(Session s, ParsedCommand c) {
        if (!s.interactive()) {
            throw new CommandError("cd: command valid only in interactive mode");
        }
        String dir = c.raw("dir");
        if (dir == null || dir.isEmpty()) {
            dir = System.getProperty("user.home", "/");
        }
        Path target = s.resolve(dir).normalize();
        if (!Files.exists(target)) {
            throw new CommandError("cd: No such file or directory: " + dir);
        }
        if (!Files.isDirectory(target)) {
            throw new CommandError("cd: Not a directory: " + dir);
        }
        s.changeDirectory(target);
    }

    /** virsh's cmdEcho: the words joined by blanks, shell- or XML-escaped, or split at commas. */
    private static void echo(Session s, ParsedCommand c) {
        boolean shell = c.has("shell");
        boolean xml = c.has("xml");
        boolean split = c.has("split");
        c.exclusive("shell", "xml");
        c.exclusive("shell", "split");
        c.exclusive("xml", "split");
        // Words joined by blanks; with --split, each comma-separated piece of each word ends a line.
        // Otherwise no newline at all: the blank line after the command ends it, as in virsh
        // (whose `-q echo hi` prints "hi" alone).
        StringBuilder joined = new StringBuilder();
        boolean first = true;
        for (String word : c.argv()) {
            if (!first) {
                joined.append(' ');
            }
            first = false;
            String text = xml ? escapeXml(word) : word;
            if (split) {
                for (String piece : splitCommas(text)) {
                    joined.append(piece).append('\n');
                }
            } else {
                joined.append(shell ? escapeShell(text) : text);
            }
        }
        String text = joined.toString();
        if (c.has("err")) {
            s.out().error(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        } else {
            s.out().print(text);
        }
    }

    /** libvirt's virBufferEscapeShell: as is when harmless, else single-quoted. */
    static String escapeShell(String text) {
        if (!text.isEmpty() && text.chars().noneMatch(ch -> "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~".indexOf(ch) >= 0)) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** libvirt's virBufferEscapeString. */
    static String escapeXml(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** Splits at single commas; {@code ,,} stands for a comma (virsh's {@code virshSplitCommas}). */
    static List<String> splitCommas(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == ',') {
                if (i + 1 < text.length() && text.charAt(i + 1) == ',') {
                    part.append(',');
                    i++;
                    continue;
                }
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(ch);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    /** virsh's cmdConnect: closes the connection and opens {@code --name} (or the same URI again). */
    private static void connect(Session s, ParsedCommand c) {
        String name = c.string("name");
        s.reconnect(name, c.has("readonly"));
    }

    /** The candidates for the last of the words, one per line: what the bash completion script asks for. */
    private static void complete(CommandRegistry registry, Session s, ParsedCommand c) {
        String line = String.join(" ", c.argv());
        for (String candidate : new Completer(registry, s::completionNames).complete(line)) {
            s.out().line(candidate);
        }
    }
}
