package org.jvirt.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * jvirsh's own options, before the command, read exactly as virsh 9 reads its own with glibc's
 * {@code getopt_long("+:c:d:e:hk:K:l:qrtvV")}: clustered short options ({@code -rq}), an option's
 * argument glued or in the next word ({@code -cURI}, {@code -c URI}, {@code --connect=URI}), unique
 * prefixes of long options ({@code --conn}), options taken in order (so {@code -v} and {@code -h} act
 * as soon as they are read), and the first word that is not an option starting the command.
 * Errors are virsh's words.
 *
 * @param uri the URI given with {@code -c}, or null
 * @param readOnly {@code -r}
 * @param quiet {@code -q}
 * @param timing {@code -t}
 * @param pluginDir {@code --plugin-dir DIR}: third-party driver plugins to load, or null (jvirsh's own option)
 * @param debugLevel {@code -d N}: the least level of debug lines shown, {@link Output#ERROR} by default
 * @param escape {@code -e}: the console escape sequence (kept for compatibility: jvirsh has no console)
 * @param keepaliveInterval {@code -k N}, or -1 when not given
 * @param keepaliveCount {@code -K N}, or -1 when not given
 * @param logFile {@code -l FILE}, or null
 * @param action what to do
 * @param command the words after the options: the command and its arguments, or one command string
 * @param warnings messages virsh prints and carries on after ({@code ignoring debug level 7 ...})
 */
record GlobalOptions(String uri, boolean readOnly, boolean quiet, boolean timing, String pluginDir,
                     int debugLevel, String escape, int keepaliveInterval, int keepaliveCount, String logFile,
                     Action action, List<String> command, List<String> warnings) {

    /** What the options ask for. */
    enum Action { RUN, HELP, SHORT_VERSION, LONG_VERSION, BASH_COMPLETION }

    GlobalOptions {
        command = List.copyOf(command);
        warnings = List.copyOf(warnings);
    }

    /** The usage {@code -h} prints, before the list of commands. */
    static final String USAGE = """

            jvirsh [options]... [<command_string>]
            jvirsh [options]... <command> [args...]

              options:
                -c | --connect=URI      hypervisor connection URI
                -d | --debug=NUM        debug level [0-4]
                -e | --escape <char>    set escape sequence for console
                -h | --help             this help
                -k | --keepalive-interval=NUM
                                        keepalive interval in seconds, 0 for disable
                -K | --keepalive-count=NUM
                                        number of possible missed keepalive messages
                -l | --log=FILE         output logging to file
                -q | --quiet            quiet mode
                -r | --readonly         connect readonly
                -t | --timing           print timing information
                -v                      short version
                -V                      long version
                     --version[=TYPE]   version, TYPE is short or long (default short)
                     --plugin-dir=DIR   load third-party driver plugins from DIR
                     --bash-completion  print the bash completion script
              commands (non interactive mode):

            """;

    private enum Arg { NONE, REQUIRED, OPTIONAL }

    private record LongOpt(String name, Arg arg, char val) {
    }

    /** {@code val}s of the long options without a short one. */
    private static final char PLUGIN_DIR = '\u0100';
    private static final char BASH_COMPLETION = '\u0101';

    private static final List<LongOpt> LONG = List.of(
            new LongOpt("connect", Arg.REQUIRED, 'c'),
            new LongOpt("debug", Arg.REQUIRED, 'd'),
            new LongOpt("escape", Arg.REQUIRED, 'e'),
            new LongOpt("help", Arg.NONE, 'h'),
            new LongOpt("keepalive-interval", Arg.REQUIRED, 'k'),
            new LongOpt("keepalive-count", Arg.REQUIRED, 'K'),
            new LongOpt("log", Arg.REQUIRED, 'l'),
            new LongOpt("quiet", Arg.NONE, 'q'),
            new LongOpt("readonly", Arg.NONE, 'r'),
            new LongOpt("timing", Arg.NONE, 't'),
            new LongOpt("version", Arg.OPTIONAL, 'v'),
            new LongOpt("plugin-dir", Arg.REQUIRED, PLUGIN_DIR),
            new LongOpt("bash-completion", Arg.NONE, BASH_COMPLETION));

    /** The short options and whether each takes an argument ({@code c:} in getopt's string). */
    private static final String SHORT_WITH_ARG = "cdekKl";
    private static final String SHORT_FLAGS = "hqrtvV";

    /** Defaults and environment: {@code $JVIRSH_DEBUG}, {@code $JVIRSH_LOG_FILE} (virsh's VIRSH_DEBUG, VIRSH_LOG_FILE). */
    static GlobalOptions parse(String[] args) {
        return parse(args, System.getenv("JVIRSH_DEBUG"), System.getenv("JVIRSH_LOG_FILE"));
    }

    /**
     * @throws CommandError worded as virsh's for an unknown option, a missing argument or a bad value
     */
    static GlobalOptions parse(String[] args, String debugVariable, String logVariable) {
        Builder b = new Builder();
        if (debugVariable != null && !debugVariable.isEmpty()) {
            Integer level = VirshNumbers.parseInt(debugVariable);
            if (level == null || level < Output.DEBUG || level > Output.ERROR) {
                b.warnings.add("JVIRSH_DEBUG not set with a valid numeric value");
            } else {
                b.debugLevel = level;
            }
        }
        if (logVariable != null && !logVariable.isEmpty()) {
            b.logFile = logVariable;
        }
        int i = 0;
        while (i < args.length && b.action == Action.RUN) {
            String arg = args[i];
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            i++;
            if (arg.startsWith("--")) {
                String body = arg.substring(2);
                String value = null;
                int eq = body.indexOf('=');
                if (eq >= 0) {
                    value = body.substring(eq + 1);
                    body = body.substring(0, eq);
                }
                LongOpt opt = findLong(body, arg);
                if (opt.arg() == Arg.NONE && value != null) {
                    throw unsupported(opt.val(), arg); // "option '--quiet' doesn't allow an argument"
                }
                if (opt.arg() == Arg.REQUIRED && value == null) {
                    if (i >= args.length) {
                        throw missingArgument(opt.val());
                    }
                    value = args[i++];
                }
                b.apply(opt.val(), value, true);
                continue;
            }
            for (int k = 1; k < arg.length() && b.action == Action.RUN; k++) {
                char c = arg.charAt(k);
                if (SHORT_WITH_ARG.indexOf(c) >= 0) {
                    String value;
                    if (k + 1 < arg.length()) {
                        value = arg.substring(k + 1);
                    } else if (i < args.length) {
                        value = args[i++];
                    } else {
                        throw missingArgument(c);
                    }
                    b.apply(c, value, false);
                    break;
                } else if (SHORT_FLAGS.indexOf(c) >= 0) {
                    b.apply(c, null, false);
                } else {
                    throw new CommandError("unsupported option '-" + c + "'. See --help.");
                }
            }
        }
        List<String> command = new ArrayList<>();
        for (; i < args.length; i++) {
            command.add(args[i]);
        }
        return new GlobalOptions(b.uri, b.readOnly, b.quiet, b.timing, b.pluginDir, b.debugLevel, b.escape,
                b.keepaliveInterval, b.keepaliveCount, b.logFile, b.action, command, b.warnings);
    }

    /** getopt_long's lookup: an exact name, else the one option the prefix abbreviates. */
    private static LongOpt findLong(String name, String arg) {
        LongOpt found = null;
        for (LongOpt opt : LONG) {
            if (opt.name().equals(name)) {
                return opt;
            }
            if (!name.isEmpty() && opt.name().startsWith(name)) {
                if (found != null) {
                    throw unsupported('\0', arg); // ambiguous
                }
                found = opt;
            }
        }
        if (found == null) {
            throw unsupported('\0', arg);
        }
        return found;
    }

    private static CommandError unsupported(char val, String arg) {
        if (val != '\0' && val < PLUGIN_DIR) {
            return new CommandError("unsupported option '-" + val + "'. See --help.");
        }
        int eq = arg.indexOf('=');
        return new CommandError("unsupported option '" + (val == '\0' || eq < 0 ? arg : arg.substring(0, eq))
                + "'. See --help.");
    }

    private static CommandError missingArgument(char val) {
        for (LongOpt opt : LONG) {
            if (opt.val() == val) {
                return new CommandError(val < PLUGIN_DIR
                        ? "option '-" + val + "'/'--" + opt.name() + "' requires an argument"
                        : "option '--" + opt.name() + "' requires an argument");
            }
        }
        return new CommandError("option '-" + val + "' requires an argument");
    }

    /** The options read so far. */
    private static final class Builder {
        String uri;
        boolean readOnly;
        boolean quiet;
        boolean timing;
        String pluginDir;
        int debugLevel = Output.ERROR;
        String escape = "^]";
        int keepaliveInterval = -1;
        int keepaliveCount = -1;
        String logFile;
        Action action = Action.RUN;
        final List<String> warnings = new ArrayList<>();

        void apply(char c, String value, boolean longForm) {
            switch (c) {
                case 'c' -> uri = value;
                case 'd' -> {
                    Integer level = VirshNumbers.parseInt(value);
                    if (level == null) {
                        throw new CommandError("option " + (longForm ? "--debug" : "-d") + " takes a numeric argument");
                    }
                    if (level < Output.DEBUG || level > Output.ERROR) {
                        warnings.add("ignoring debug level " + level + " out of range [0-4]");
                    } else {
                        debugLevel = level;
                    }
                }
                case 'e' -> {
                    boolean caret = value.length() == 2 && value.charAt(0) == '^' && allowedEscape(value.charAt(1));
                    if (!caret && !(value.length() == 1 && value.charAt(0) != '^')) {
                        throw new CommandError("Invalid string '" + value + "' for escape sequence");
                    }
                    escape = value;
                }
                case 'k' -> keepaliveInterval = keepalive(value, "-k");
                case 'K' -> keepaliveCount = keepalive(value, "-K");
                case 'l' -> logFile = value;
                case 'h' -> action = Action.HELP;
                case 'q' -> quiet = true;
                case 'r' -> readOnly = true;
                case 't' -> timing = true;
                case 'v' -> action = "long".equals(value) ? Action.LONG_VERSION : Action.SHORT_VERSION;
                case 'V' -> action = Action.LONG_VERSION;
                case PLUGIN_DIR -> pluginDir = value;
                case BASH_COMPLETION -> action = Action.BASH_COMPLETION;
                default -> throw new IllegalStateException("option " + c);
            }
        }

        /** virsh's -k/-K: {@code virStrToLong_i} in any base, not negative. */
        private static int keepalive(String value, String option) {
            Long parsed = parseAnyBase(value);
            if (parsed == null || parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
                throw new CommandError("Invalid value for option " + option);
            }
            if (parsed < 0) {
                throw new CommandError("option " + option + " requires a positive integer argument");
            }
            return parsed.intValue();
        }

        /** virsh's virshAllowedEscapeChar: a-z and @ to _ (which has A-Z, [, \, ], ^). */
        private static boolean allowedEscape(char c) {
            return (c >= 'a' && c <= 'z') || (c >= '@' && c <= '_');
        }
    }

    /** {@code strtol(text, &end, 0)} with nothing after the number: decimal, 0x hexadecimal or 0 octal. */
    static Long parseAnyBase(String text) {
        String t = text.strip();
        boolean negative = false;
        if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
            negative = t.charAt(0) == '-';
            t = t.substring(1);
        }
        int radix = 10;
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty() || !text.equals(text.stripTrailing()) || Character.digit(t.charAt(0), radix) < 0) {
            return null;
        }
        try {
            long v = Long.parseLong(t, radix);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
