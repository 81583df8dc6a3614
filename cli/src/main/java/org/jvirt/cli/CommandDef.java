package org.jvirt.cli;

import java.util.List;
import java.util.Optional;

/**
 * One jvirsh command, as virsh's {@code vshCmdDef}: its name, the texts {@code help} shows, its
 * options in virsh's order, and the code that runs it.
 *
 * @param name the command's name, e.g. {@code dominfo}
 * @param group the help group it is listed under
 * @param help the one-line summary
 * @param description the DESCRIPTION paragraph of {@code help NAME}; empty for none
 * @param options the options, in the order virsh declares them
 * @param handler what the command does
 * @param flags virsh's {@code VSH_CMD_FLAG_*}: whether it needs no connection, whether help hides it
 * @param rules virsh's {@code VSH_EXCLUSIVE_OPTIONS} and {@code VSH_REQUIRE_OPTION} checks, made before
 *     anything else (before the refusal of options jvirsh does not implement, too)
 */
record CommandDef(String name, CommandGroup group, String help, String description, List<OptDef> options,
                  Handler handler, List<Flag> flags, List<Rule> rules) {

    /** An option pair virsh checks first: both given is an error, or the first needs the second. */
    record Rule(boolean exclusive, String first, String second) {
        /** Fails with virsh's message when {@code command} breaks the rule. */
        void check(ParsedCommand command) {
            if (exclusive) {
                command.exclusive(first, second);
            } else {
                command.requires(first, second);
            }
        }
    }

    CommandDef(String name, CommandGroup group, String help, String description, List<OptDef> options,
               Handler handler, Flag... flags) {
        this(name, group, help, description, options, handler, List.of(flags), List.of());
    }

    /** virsh's command flags. */
    enum Flag {
        /** Runs without a connection ({@code VSH_CMD_FLAG_NOCONNECT}): help, quit, connect, echo, ... */
        NO_CONNECT,
        /** Left out of help's lists ({@code VSH_CMD_FLAG_HIDDEN}); {@code help NAME} still shows it. */
        HIDDEN
    }

    /** The code of a command. Failures are thrown; whatever was printed before stays printed. */
    @FunctionalInterface
    interface Handler {
        /**
         * @throws CommandError for failures jvirsh words itself
         * @throws org.jvirt.api.VirtException for failures of the hypervisor, printed as they are worded
         */
        void run(Session session, ParsedCommand command);
    }

    CommandDef {
        options = List.copyOf(options);
        flags = List.copyOf(flags);
        rules = List.copyOf(rules);
    }

    /** A command with its options listed last, for readability of the command tables. */
    static CommandDef of(String name, CommandGroup group, String help, String description, Handler handler,
                         OptDef... options) {
        return new CommandDef(name, group, help, description, List.of(options), handler);
    }

    /** This command with {@code more} flags. */
    CommandDef with(Flag... more) {
        List<Flag> all = new java.util.ArrayList<>(flags);
        all.addAll(List.of(more));
        return new CommandDef(name, group, help, description, options, handler, all, rules);
    }

    /** This command, refusing {@code first} and {@code second} together. */
    CommandDef exclusive(String first, String second) {
        return withRule(new Rule(true, first, second));
    }

    /** This command, refusing {@code option} without {@code required}. */
    CommandDef requires(String option, String required) {
        return withRule(new Rule(false, option, required));
    }

    private CommandDef withRule(Rule rule) {
        List<Rule> all = new java.util.ArrayList<>(rules);
        all.add(rule);
        return new CommandDef(name, group, help, description, options, handler, flags, all);
    }

    /** Whether the command has {@code flag}. */
    boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** The option called {@code optionName} (aliases included), if the command has one. */
    Optional<OptDef> option(String optionName) {
        for (OptDef opt : options) {
            if (opt.name().equals(optionName)) {
                return Optional.of(opt);
            }
        }
        return Optional.empty();
    }

    /** The options help and completion show: all but aliases. */
    List<OptDef> visibleOptions() {
        return options.stream().filter(o -> o.type() != OptType.ALIAS).toList();
    }

    /** Whether help shows an ARGV option by name: some positional option is declared (virsh's "shortopt"). */
    boolean argvShownByName() {
        for (OptDef opt : options) {
            if (opt.positional() && opt.type() != OptType.ARGV) {
                return true;
            }
        }
        return false;
    }
}
