package org.jvirt.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a command line into commands exactly as virsh's {@code vshCommandParse} does, so that the
 * same input is accepted, refused and bound to options the same way.
 *
 * <p>Two sources, as virsh: a single string (the one argument after the options, or a line of the
 * interactive shell) is split at blanks, {@code ;} and newlines, honouring quotes, backslashes and
 * {@code #} comments; several arguments are taken as the tokens of one command, and a {@code ;}
 * among them is plain data, as virsh 9 treats it. The whole input is parsed before anything runs: one
 * syntax error and no command runs, as in virsh.
 *
 * <p>Hand-written rather than built on an option library such as picocli: virsh's per-command
 * grammar (positional tokens filling the first free option, {@code --opt=value}, {@code --}) and its
 * exact error messages are not picocli's.
 */
final class ScriptParser {
    private final CommandRegistry registry;
    private final Output debug;

    ScriptParser(CommandRegistry registry) {
        this(registry, null);
    }

    /** @param debug where virsh's parser debug lines go ({@code -d 1}), or null for none */
    ScriptParser(CommandRegistry registry, Output debug) {
        this.registry = registry;
        this.debug = debug;
    }

    private enum Kind { ARG, END_OF_COMMAND, END }

    private record Token(Kind kind, String text) {
    }

    private interface Tokens {
        Token next();
    }

    /**
     * Parses a command string such as {@code "dominfo test; nodeinfo"}.
     *
     * @throws CommandError with virsh's message when the string is malformed
     */
    List<ParsedCommand> parseString(String script) {
        return parse(new StringTokens(script));
    }

    /** The command string of jvirsh's command line: as {@link #parseString}, announced at the INFO level first. */
    List<ParsedCommand> parseCommandLine(String script) {
        if (debug != null) {
            debug.debug(Output.INFO, "commands: \"" + script + "\"");
        }
        return parseString(script);
    }

    /**
     * Parses the arguments of one command, e.g. {@code ["dominfo", "test"]}.
     *
     * @throws CommandError with virsh's message when the arguments are malformed
     */
    List<ParsedCommand> parseArgv(List<String> args) {
        int[] pos = {0};
        return parse(() -> pos[0] < args.size()
                ? new Token(Kind.ARG, args.get(pos[0]++))
                : new Token(Kind.END, null));
    }

    private List<ParsedCommand> parse(Tokens tokens) {
        List<ParsedCommand> commands = new ArrayList<>();
        while (true) {
            CommandDef def = null;
            Map<String, String> values = new LinkedHashMap<>();
            List<String> argv = new ArrayList<>();
            List<OptDef> unfilled = new ArrayList<>();
            OptDef argvOpt = null;
            boolean dataOnly = false;
            boolean help = false;
            Token token;
            while (true) {
                token = tokens.next();
                if (token.kind() != Kind.ARG) {
                    break;
                }
                String text = token.text();
                if (def == null) {
                    def = registry.find(text);
                    if (def == null) {
                        throw new CommandError("unknown command: '" + text + "'");
                    }
                    for (OptDef opt : def.options()) {
                        if (opt.positional() && opt.type() == OptType.ARGV) {
                            argvOpt = argvOpt == null ? opt : argvOpt;
                        } else if (opt.positional()) {
                            unfilled.add(opt);
                        }
                    }
                } else if (!dataOnly && isOption(text)) {
                    String name = text.substring(2);
                    String inlineValue = null;
                    int eq = name.indexOf('=');
                    if (eq >= 0) {
                        inlineValue = name.substring(eq + 1);
                        name = name.substring(0, eq);
                    }
                    if (name.equals("help")) {
                        // Every command takes --help: the command becomes "help COMMAND".
                        help = true;
                        continue;
                    }
                    OptDef opt = def.option(name).orElse(null);
                    if (opt == null) {
                        if (def.name().equals("help")) {
                            continue; // help ignores spurious options, as virsh's
                        }
                        throw new CommandError("command '" + def.name() + "' doesn't support option --" + name);
                    }
                    if (opt.type() == OptType.ALIAS) {
                        // "size" renames; "mode=shareable" is a flag that gives an option its value.
                        String target = opt.help();
                        int at = target.indexOf('=');
                        if (at >= 0) {
                            if (inlineValue != null) {
                                throw new CommandError("invalid '=' after option --" + name);
                            }
                            inlineValue = target.substring(at + 1);
                            target = target.substring(0, at);
                        }
                        String aliasOf = target;
                        name = target;
                        opt = def.option(target).orElseThrow(
                                () -> new IllegalStateException("alias of unknown option " + aliasOf));
                    }
                    if (values.containsKey(name) && opt.type() != OptType.ARGV) {
                        throw new CommandError("option --" + name + " already seen");
                    }
                    if (opt.type() == OptType.BOOL) {
                        if (inlineValue != null) {
                            throw new CommandError("invalid '=' after option --" + name);
                        }
                        values.put(name, "");
                        debugOption(def, opt, null);
                    } else {
                        String value = inlineValue;
                        if (value == null) {
                            Token next = tokens.next();
                            if (next.kind() != Kind.ARG) {
                                throw new CommandError("expected syntax: --" + name + " <"
                                        + (opt.type() == OptType.INT ? "number" : "string") + ">");
                            }
                            value = next.text();
                        }
                        store(values, argv, opt, value);
                        unfilled.remove(opt);
                        debugOption(def, opt, value);
                    }
                } else if (!dataOnly && text.equals("--")) {
                    dataOnly = true;
                } else {
                    OptDef opt;
                    if (!unfilled.isEmpty()) {
                        opt = unfilled.remove(0);
                    } else if (argvOpt != null) {
                        opt = argvOpt;
                    } else {
                        if (def.name().equals("help")) {
                            continue;
                        }
                        throw new CommandError("unexpected data '" + text + "'");
                    }
                    store(values, argv, opt, text);
                    debugOption(def, opt, text);
                }
            }
            if (def != null) {
                if (help) {
                    CommandDef helpDef = registry.find("help");
                    commands.add(new ParsedCommand(helpDef, Map.of("command", def.name())));
                } else {
                    checkRequired(def, values);
                    commands.add(new ParsedCommand(def, values, argv));
                }
            }
            if (token.kind() == Kind.END) {
                return commands;
            }
        }
    }

    private static void store(Map<String, String> values, List<String> argv, OptDef opt, String value) {
        if (opt.type() == OptType.ARGV) {
            argv.add(value);
            values.putIfAbsent(opt.name(), value);
        } else {
            values.put(opt.name(), value);
        }
    }

    /** virsh's {@code "%s: %s(%s): %s"} line for each option it reads, at the INFO level. */
    private void debugOption(CommandDef def, OptDef opt, String value) {
        if (debug != null) {
            debug.debug(Output.INFO, def.name() + ": " + opt.name()
                    + (value == null ? "(bool): (none)" : "(optdata): " + value));
        }
    }

    /** virsh's test for an option: two dashes and a letter or digit. */
    private static boolean isOption(String text) {
        return text.length() > 2 && text.startsWith("--") && isAsciiAlnum(text.charAt(2));
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Reports every missing required option, each on its own line, as virsh's vshCommandCheckOpts. */
    private static void checkRequired(CommandDef def, Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        for (OptDef opt : def.options()) {
            if (opt.required() && !values.containsKey(opt.name())) {
                missing.add(opt.type() == OptType.DATA || opt.type() == OptType.ARGV
                        ? "command '" + def.name() + "' requires <" + opt.name() + "> option"
                        : "command '" + def.name() + "' requires --" + opt.name() + " option");
            }
        }
        if (!missing.isEmpty()) {
            throw new CommandError(missing);
        }
    }

    /** virsh's {@code vshCommandStringGetArg}: shell-like words, {@code ;}/newline ends a command. */
    private static final class StringTokens implements Tokens {
        private final String s;
        private int pos;

        StringTokens(String s) {
            this.s = s;
        }

        private char at(int i) {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        @Override
        public Token next() {
            while (at(pos) == ' ' || at(pos) == '\t' || (at(pos) == '\\' && at(pos + 1) == '\n')) {
                pos += at(pos) == '\\' ? 2 : 1;
            }
            if (pos >= s.length()) {
                return new Token(Kind.END, null);
            }
            char c = at(pos);
            if (c == ';' || c == '\n') {
                pos++;
                return new Token(Kind.END_OF_COMMAND, null);
            }
            if (c == '#') {
                // A word starting with # comments out the rest of the line.
                while (pos < s.length() && at(pos) != '\n') {
                    pos++;
                }
                if (pos < s.length()) {
                    pos++;
                }
                return new Token(Kind.END_OF_COMMAND, null);
            }
            StringBuilder word = new StringBuilder();
            boolean single = false;
            boolean dbl = false;
            while (pos < s.length()) {
                c = at(pos);
                if (!dbl && !single && (c == ' ' || c == '\t' || c == ';' || c == '\n')) {
                    break;
                }
                if (!dbl && c == '\'') {
                    single = !single;
                    pos++;
                    continue;
                } else if (!single && c == '\\') {
                    pos++;
                    if (pos >= s.length()) {
                        throw new CommandError("dangling \\");
                    } else if (at(pos) == '\n') {
                        pos++;
                        continue;
                    }
                } else if (!single && c == '"') {
                    dbl = !dbl;
                    pos++;
                    continue;
                }
                word.append(at(pos));
                pos++;
            }
            if (dbl) {
                throw new CommandError("missing \"");
            }
            return new Token(Kind.ARG, word.toString());
        }
    }
}
