package org.jvirt.cli;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command of a script, parsed: its definition and the options given, as virsh's {@code vshCmd}.
 * Option values are kept as typed; the accessors convert them the way virsh's
 * {@code vshCommandOpt*} functions do, with virsh's error messages.
 */
final class ParsedCommand {
    private final CommandDef def;
    private final Map<String, String> values;
    private final List<String> argv;

    /** @param values option name to value; flags map to the empty string */
    ParsedCommand(CommandDef def, Map<String, String> values) {
        this(def, values, List.of());
    }

    /**
     * @param values option name to value; flags map to the empty string; an ARGV option given at
     *     least once maps to its first value
     * @param argv every value of the command's ARGV option, in order
     */
    ParsedCommand(CommandDef def, Map<String, String> values, List<String> argv) {
        this.def = def;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.argv = List.copyOf(argv);
    }

    /** The command's definition. */
    CommandDef def() {
        return def;
    }

    /** The command's name. */
    String name() {
        return def.name();
    }

    /** The options as given, in command-line order. */
    Map<String, String> values() {
        return values;
    }

    /** Whether the option was given (for a flag: whether it is set). */
    boolean has(String option) {
        return values.containsKey(option);
    }

    /** The option's text as given, or null when absent. */
    String raw(String option) {
        return values.get(option);
    }

    /** Every value of the command's ARGV option ({@code --set a=1 --set b=2}, or trailing words). */
    List<String> argv() {
        return argv;
    }

    /**
     * The option as a signed 32-bit number (virsh's {@code vshCommandOptInt}). Absent: null.
     *
     * @throws CommandError {@code Numeric value 'X' for <option> option is malformed or out of range}
     */
    Integer intValue(String option) {
        String value = values.get(option);
        if (value == null) {
            return null;
        }
        Integer parsed = VirshNumbers.parseInt(value);
        if (parsed == null) {
            throw VirshNumbers.malformed(value, option);
        }
        return parsed;
    }

    /**
     * The option's string, or null when it was not given. An empty string is refused as virsh's
     * {@code vshCommandOptStringReq} refuses it.
     */
    String string(String option) {
        String value = values.get(option);
        if (value != null && value.isEmpty()) {
            throw new CommandError("Failed to get option '" + option + "': Option argument is empty");
        }
        return value;
    }

    /** As {@link #string}, for an option the parser already made sure is present. */
    String requiredString(String option) {
        String value = string(option);
        if (value == null) {
            throw new CommandError("Failed to get option '" + option + "': Mandatory option not present");
        }
        return value;
    }

    /**
     * The option as an unsigned 32-bit number (virsh's {@code vshCommandOptUInt}): a negative or
     * malformed value fails the command. Absent: {@code -1}.
     */
    long unsignedInt(String option) {
        String value = values.get(option);
        if (value == null) {
            return -1;
        }
        return VirshNumbers.parseUnsignedInt(value, option);
    }

    /**
     * The option as a scaled size in bytes (virsh's {@code vshCommandOptScaledInt}): a plain number is
     * multiplied by {@code scale}; suffixes such as {@code K}, {@code MiB}, {@code GB} choose the unit.
     * Absent: {@code null}.
     */
    BigInteger scaled(String option, long scale) {
        String value = values.get(option);
        if (value == null) {
            return null;
        }
        return VirshNumbers.parseScaled(value, option, scale);
    }

    /** Fails when {@code option} was given without {@code required}, as virsh's VSH_REQUIRE_OPTION. */
    void requires(String option, String required) {
        if (has(option) && !has(required)) {
            throw new CommandError("Option --" + required + " is required by option --" + option);
        }
    }

    /** Fails unless at most one of {@code first} and {@code second} was given, as virsh's VSH_EXCLUSIVE_OPTIONS. */
    void exclusive(String first, String second) {
        if (has(first) && has(second)) {
            throw new CommandError("Options --" + first + " and --" + second + " are mutually exclusive");
        }
    }
}
