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
 */
record CommandDef(String name, CommandGroup group, String help, String description, List<OptDef> options,
                  Handler handler) {

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
    }

    /** A command with its options listed last, for readability of the command tables. */
    static CommandDef of(String name, CommandGroup group, String help, String description, Handler handler,
                         OptDef... options) {
        return new CommandDef(name, group, help, description, List.of(options), handler);
    }

    /** The option called {@code optionName}, if the command has one. */
    Optional<OptDef> option(String optionName) {
        for (OptDef opt : options) {
            if (opt.name().equals(optionName)) {
                return Optional.of(opt);
            }
        }
        return Optional.empty();
    }
}
