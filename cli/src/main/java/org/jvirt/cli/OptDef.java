package org.jvirt.cli;

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
 * @param help the one-line description {@code help COMMAND} prints
 * @param implemented whether jvirsh acts on it
 */
record OptDef(String name, OptType type, boolean required, boolean namedOnly, String help, boolean implemented) {

    /** {@code [--domain] <string>}: the domain argument most commands start with. */
    static OptDef domain(String help) {
        return new OptDef("domain", OptType.DATA, true, false, help, true);
    }

    /** The usual {@code domain} option: "domain name, id or uuid". */
    static OptDef domain() {
        return domain("domain name, id or uuid");
    }

    /** A required positional string, such as {@code <file>}. */
    static OptDef data(String name, String help) {
        return new OptDef(name, OptType.DATA, true, false, help, true);
    }

    /** A required number, such as {@code <count>}. */
    static OptDef requiredInt(String name, String help) {
        return new OptDef(name, OptType.INT, true, false, help, true);
    }

    /** An optional string, which a bare token can fill. */
    static OptDef string(String name, String help) {
        return new OptDef(name, OptType.STRING, false, false, help, true);
    }

    /** An optional string that must be given as {@code --name value}. */
    static OptDef namedString(String name, String help) {
        return new OptDef(name, OptType.STRING, false, true, help, true);
    }

    /** A flag. */
    static OptDef bool(String name, String help) {
        return new OptDef(name, OptType.BOOL, false, false, help, true);
    }

    /** This option, declared for parsing but refused when used. */
    OptDef unimplemented() {
        return new OptDef(name, type, required, namedOnly, help, false);
    }

    /** Whether a bare token can fill this option. */
    boolean positional() {
        return type != OptType.BOOL && !namedOnly;
    }

    /** How the option appears in {@code help}'s SYNOPSIS line. */
    String synopsis() {
        return switch (type) {
            case BOOL -> "[--" + name + "]";
            case INT -> required ? "<" + name + ">" : "[--" + name + " <number>]";
            case STRING -> "[--" + name + " <string>]";
            case DATA -> required ? "<" + name + ">" : "[<" + name + ">]";
        };
    }

    /** How the option is named in {@code help}'s OPTIONS list. */
    String usage() {
        return switch (type) {
            case BOOL -> "--" + name;
            case INT -> required ? "[--" + name + "] <number>" : "--" + name + " <number>";
            case STRING -> "--" + name + " <string>";
            case DATA -> "[--" + name + "] <string>";
        };
    }
}
