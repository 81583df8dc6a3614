package org.jvirt.cli;

import java.util.List;

/**
 * One option of a command, as virsh's {@code vshCmdOptDef}.
 *
 * <p>The order of a command's options matters exactly as in virsh: a bare token fills the first
 * positional option not given yet. Options virsh has but jvirsh does not implement yet are still
 * declared (with {@code implemented == false}) so that a command line parses exactly as virsh parses
 * it; using one fails the command with a clear message instead of being silently ignored.
 *
 * @param name the long name, without {@code --}
 * @param type how the option takes its value
 * @param required whether the command cannot run without it (virsh's {@code VSH_OFLAG_REQ})
 * @param namedOnly whether a bare token can never fill it (virsh's {@code VSH_OFLAG_REQ_OPT})
 * @param help the one-line description {@code help COMMAND} prints; for an {@link OptType#ALIAS},
 *     the option it stands for ({@code size}, or {@code mode=shareable})
 * @param implemented whether jvirsh acts on it
 * @param completion what completion offers for its value
 * @param choices the words offered when {@code completion} is {@link Completion#CHOICES}
 */
record OptDef(String name, OptType type, boolean required, boolean namedOnly, String help, boolean implemented,
              Completion completion, List<String> choices) {

    OptDef {
        choices = List.copyOf(choices);
    }

    OptDef(String name, OptType type, boolean required, boolean namedOnly, String help, boolean implemented) {
        this(name, type, required, namedOnly, help, implemented, Completion.NONE, List.of());
    }

    /** {@code [--domain] <string>}: the domain argument most commands start with. */
    static OptDef domain(String help) {
        return new OptDef("domain", OptType.DATA, true, false, help, true).completing(Completion.DOMAIN);
    }

    /** The usual {@code domain} option: "domain name, id or uuid". */
    static OptDef domain() {
        return domain("domain name, id or uuid");
    }

    /** {@code [--network] <string>}: the network argument of the net-* commands. */
    static OptDef network(String help) {
        return new OptDef("network", OptType.DATA, true, false, help, true).completing(Completion.NETWORK);
    }

    /** A required positional string, such as {@code <file>}. */
    static OptDef data(String name, String help) {
        return new OptDef(name, OptType.DATA, true, false, help, true);
    }

    /** A required positional file name. */
    static OptDef file(String name, String help) {
        return data(name, help).completing(Completion.FILE);
    }

    /** A required number, such as {@code <count>}. */
    static OptDef requiredInt(String name, String help) {
        return new OptDef(name, OptType.INT, true, false, help, true);
    }

    /** An optional number, which a bare token can fill. */
    static OptDef optionalInt(String name, String help) {
        return new OptDef(name, OptType.INT, false, false, help, true);
    }

    /** An optional number that must be given as {@code --name value}. */
    static OptDef namedInt(String name, String help) {
        return new OptDef(name, OptType.INT, false, true, help, true);
    }

    /** An optional string, which a bare token can fill. */
    static OptDef string(String name, String help) {
        return new OptDef(name, OptType.STRING, false, false, help, true);
    }

    /** An optional string that must be given as {@code --name value}. */
    static OptDef namedString(String name, String help) {
        return new OptDef(name, OptType.STRING, false, true, help, true);
    }

    /** Any number of strings; bare words fill it once the other positional options are filled. */
    static OptDef argv(String name, String help) {
        return new OptDef(name, OptType.ARGV, false, false, help, true);
    }

    /** A flag. */
    static OptDef bool(String name, String help) {
        return new OptDef(name, OptType.BOOL, false, false, help, true);
    }

    /** {@code --name} as another name for {@code target} ({@code option} or {@code option=value}). */
    static OptDef alias(String name, String target) {
        return new OptDef(name, OptType.ALIAS, false, false, target, true);
    }

    /** This option, declared for parsing but refused when used. */
    OptDef unimplemented() {
        return new OptDef(name, type, required, namedOnly, help, false, completion, choices);
    }

    /** This option, completing its value as {@code how}. */
    OptDef completing(Completion how) {
        return new OptDef(name, type, required, namedOnly, help, implemented, how, choices);
    }

    /** This option, completing its value with one of {@code words}. */
    OptDef choices(String... words) {
        return new OptDef(name, type, required, namedOnly, help, implemented, Completion.CHOICES, List.of(words));
    }

    /** Whether a bare token can fill this option. */
    boolean positional() {
        return type != OptType.BOOL && type != OptType.ALIAS && !namedOnly;
    }

    /** Whether the option takes a value after its name. */
    boolean takesValue() {
        return type != OptType.BOOL && type != OptType.ALIAS;
    }

    /**
     * How the option appears in {@code help}'s SYNOPSIS line.
     *
     * @param shortArgv for an ARGV option: whether a positional option comes before it, which makes
     *     virsh show its name ({@code [[--set] <string>]...} rather than {@code [<string>]...})
     */
    String synopsis(boolean shortArgv) {
        return switch (type) {
            case BOOL -> "[--" + name + "]";
            case INT -> required ? "<" + name + ">" : "[--" + name + " <number>]";
            case STRING -> "[--" + name + " <string>]";
            case DATA -> required ? "<" + name + ">" : "[<" + name + ">]";
            case ARGV -> shortArgv
                    ? (required ? "{[--" + name + "] <string>}..." : "[[--" + name + "] <string>]...")
                    : (required ? "<" + name + ">..." : "[<" + name + ">]...");
            case ALIAS -> "";
        };
    }

    /** How the option is named in {@code help}'s OPTIONS list. */
    String usage(boolean shortArgv) {
        return switch (type) {
            case BOOL -> "--" + name;
            case INT -> required ? "[--" + name + "] <number>" : "--" + name + " <number>";
            case STRING -> "--" + name + " <string>";
            case DATA -> "[--" + name + "] <string>";
            case ARGV -> shortArgv ? "[--" + name + "] <string>" : "<" + name + ">";
            case ALIAS -> "";
        };
    }
}
