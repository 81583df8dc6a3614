package org.jvirt.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the shell's Tab offers, from the command model, as virsh's {@code vshReadlineParse}: command
 * names for the first word of a command, the options a command has not been given yet for a word
 * starting with {@code -}, and for a value the names its option completes (domains, networks, files,
 * commands or fixed words). The interactive shell (JLine), the hidden {@code complete} command and,
 * through that, the bash completion script all ask this class.
 */
final class Completer {
    private final CommandRegistry registry;
    private final Function<Completion, List<String>> names;
    private final Path cwd;

    /** @param names the domains or networks of the connection, for {@link Completion#DOMAIN} and {@link Completion#NETWORK} */
    Completer(CommandRegistry registry, Function<Completion, List<String>> names) {
        this(registry, names, Path.of("").toAbsolutePath());
    }

    Completer(CommandRegistry registry, Function<Completion, List<String>> names, Path cwd) {
        this.registry = registry;
        this.names = names;
        this.cwd = cwd;
    }

    /** The words of a line as the parser splits them; {@code ;} ends a command. The last word may be empty. */
    private record Words(List<String> command, String current) {
    }

    /**
     * The candidates for the word under the cursor at the end of {@code line}, sorted, each a whole
     * word (not just the rest of it).
     */
    List<String> complete(String line) {
        Words words = split(line);
        String current = words.current();
        List<String> done = words.command();
        Set<String> out = new TreeSet<>();
        if (done.isEmpty()) {
            for (CommandDef def : registry.visible()) {
                addIfPrefix(out, def.name(), current);
            }
            return List.copyOf(out);
        }
        CommandDef def = registry.find(done.get(0));
        if (def == null) {
            return List.of();
        }
        // Replay the words after the command name: which options are given, and is a value due?
        Set<String> seen = new HashSet<>();
        List<OptDef> unfilled = new ArrayList<>();
        for (OptDef opt : def.options()) {
            if (opt.positional() && opt.type() != OptType.ARGV) {
                unfilled.add(opt);
            }
        }
        OptDef argv = def.options().stream()
                .filter(o -> o.type() == OptType.ARGV && o.positional()).findFirst().orElse(null);
        OptDef awaitingValue = null;
        boolean dataOnly = false;
        for (int i = 1; i < done.size(); i++) {
            String word = done.get(i);
            if (awaitingValue != null) {
                awaitingValue = null;
                continue;
            }
            if (!dataOnly && word.equals("--")) {
                dataOnly = true;
            } else if (!dataOnly && word.startsWith("--") && word.length() > 2) {
                String name = word.substring(2);
                boolean inline = name.contains("=");
                if (inline) {
                    name = name.substring(0, name.indexOf('='));
                }
                OptDef opt = resolve(def, name);
                if (opt == null) {
                    continue;
                }
                seen.add(opt.name());
                unfilled.remove(opt);
                if (opt.takesValue() && !inline && !def.option(name).map(o -> o.type() == OptType.ALIAS
                        && o.help().contains("=")).orElse(false)) {
                    awaitingValue = opt;
                }
            } else if (!unfilled.isEmpty()) {
                seen.add(unfilled.remove(0).name());
            }
        }
        if (awaitingValue != null) {
            values(out, awaitingValue, current);
            return List.copyOf(out);
        }
        if (!dataOnly && (current.isEmpty() || current.startsWith("-"))) {
            for (OptDef opt : def.visibleOptions()) {
                if (!seen.contains(opt.name()) || opt.type() == OptType.ARGV) {
                    addIfPrefix(out, "--" + opt.name(), current);
                }
            }
        }
        if (current.startsWith("-") && !dataOnly) {
            return List.copyOf(out);
        }
        OptDef next = !unfilled.isEmpty() ? unfilled.get(0) : argv;
        if (next != null) {
            values(out, next, current);
        }
        return List.copyOf(out);
    }

    /** The option {@code name} stands for (an alias resolved), or null. */
    private static OptDef resolve(CommandDef def, String name) {
        OptDef opt = def.option(name).orElse(null);
        if (opt != null && opt.type() == OptType.ALIAS) {
            String target = opt.help();
            int eq = target.indexOf('=');
            return def.option(eq < 0 ? target : target.substring(0, eq)).orElse(null);
        }
        return opt;
    }

    private void values(Set<String> out, OptDef opt, String current) {
        switch (opt.completion()) {
            case DOMAIN, NETWORK -> names.apply(opt.completion()).forEach(n -> addIfPrefix(out, n, current));
            case CHOICES -> opt.choices().forEach(c -> addIfPrefix(out, c, current));
            case COMMAND -> {
                registry.visible().forEach(d -> addIfPrefix(out, d.name(), current));
                for (CommandGroup g : CommandGroup.values()) {
                    addIfPrefix(out, g.keyword(), current);
                }
            }
            case FILE -> files(out, current);
            case NONE -> {
                // free text
            }
        }
    }

    /** Entries of the directory {@code current} names, directories with a trailing slash. */
    private void files(Set<String> out, String current) {
        int slash = current.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : current.substring(0, slash + 1);
        String prefix = current.substring(slash + 1);
        Path dir = dirPart.isEmpty() ? cwd : cwd.resolve(dirPart);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && (!name.startsWith(".") || prefix.startsWith("."))) {
                    out.add(dirPart + name + (Files.isDirectory(p) ? "/" : ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to offer
        }
    }

    private static void addIfPrefix(Set<String> out, String candidate, String prefix) {
        if (candidate.startsWith(prefix)) {
            out.add(candidate);
        }
    }

    /** The words of the last command of {@code line}, and the (possibly empty) word being typed. */
    private static Words split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == ';' || c == '\n') {
                words.clear();
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        return new Words(words, word.toString());
    }
}
