package org.jvirt.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * jvirsh's own options, before the command: {@code -c URI}, {@code -r}, {@code -q}, {@code -t},
 * {@code -h}, {@code -v}, {@code -V}, {@code --version[=short|long]}, read as virsh's getopt reads
 * them (clustered short options, {@code --connect=URI}, unique prefixes of long options, the first
 * word that is not an option starts the command).
 *
 * <p>picocli does the parsing; its model is built in code rather than from annotations, which keeps
 * start-up free of reflection. Its errors are reworded as virsh's.
 *
 * @param uri the URI given with {@code -c}, or null
 * @param readOnly {@code -r}
 * @param quiet {@code -q}
 * @param timing {@code -t}
 * @param pluginDir {@code --plugin-dir DIR}: third-party driver plugins to load, or null (jvirsh's own option)
 * @param action what to do
 * @param command the words after the options: the command and its arguments, or one command string
 */
record GlobalOptions(String uri, boolean readOnly, boolean quiet, boolean timing, String pluginDir,
                     Action action, List<String> command) {

    /** What the options ask for. */
    enum Action { RUN, HELP, SHORT_VERSION, LONG_VERSION }

    /** Stands for an empty argument while picocli parses: picocli cannot take an empty word. */
    private static final String EMPTY = "\u0000jvirsh-empty-argument\u0000";

    /** The usage {@code -h} prints, before the list of commands. */
    static final String USAGE = """

            jvirsh [options]... [<command_string>]
            jvirsh [options]... <command> [args...]

              options:
                -c | --connect=URI      hypervisor connection URI
                -h | --help             this help
                -q | --quiet            quiet mode
                -r | --readonly         connect readonly
                -t | --timing           print timing information
                     --plugin-dir=DIR   load third-party driver plugins from DIR
                -v                      short version
                -V                      long version
                     --version[=TYPE]   version, TYPE is short or long (default short)
              commands (non interactive mode):

            """;

    /**
     * @throws CommandError worded as virsh's for an unknown option or a missing argument
     */
    static GlobalOptions parse(String[] args) {
        // getopt takes --version's value only in the --version=TYPE form; picocli would take the next word.
        List<String> words = new ArrayList<>();
        String versionType = null;
        boolean options = true;
        for (String arg : args) {
            if (options && arg.startsWith("--version=")) {
                versionType = arg.substring("--version=".length());
                words.add("--version");
                continue;
            }
            if (options && (arg.equals("--") || !arg.startsWith("-") || arg.equals("-"))) {
                options = false;
            }
            words.add(arg.isEmpty() ? EMPTY : arg);
        }

        CommandSpec spec = CommandSpec.create().name("jvirsh");
        spec.addOption(OptionSpec.builder("-c", "--connect").paramLabel("URI").type(String.class).build());
        spec.addOption(flag("-r", "--readonly"));
        spec.addOption(flag("-q", "--quiet"));
        spec.addOption(flag("-t", "--timing"));
        spec.addOption(OptionSpec.builder("--plugin-dir").paramLabel("DIR").type(String.class).build());
        spec.addOption(flag("-h", "--help"));
        spec.addOption(flag("-v"));
        spec.addOption(flag("-V"));
        spec.addOption(flag("--version"));
        spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(String[].class).build());
        CommandLine parser = new CommandLine(spec)
                .setStopAtPositional(true)
                .setExpandAtFiles(false)
                .setOverwrittenOptionsAllowed(true)
                .setAbbreviatedOptionsAllowed(true)
                .setUnmatchedOptionsAllowedAsOptionParameters(true);

        ParseResult result;
        try {
            result = parser.parseArgs(words.toArray(new String[0]));
        } catch (CommandLine.MissingParameterException e) {
            boolean plugins = e.getMissing().stream().anyMatch(a -> a.isOption() && "--plugin-dir".equals(
                    ((OptionSpec) a).longestName()));
            throw new CommandError(plugins ? "option '--plugin-dir' requires an argument"
                    : "option '-c'/'--connect' requires an argument");
        } catch (CommandLine.UnmatchedArgumentException e) {
            List<String> unmatched = e.getUnmatched();
            String bad = unmatched.isEmpty() ? "?" : unmatched.get(0);
            throw new CommandError("unsupported option '" + bad + "'. See --help.");
        } catch (CommandLine.ParameterException e) {
            throw new CommandError(e.getMessage());
        }

        Action action = Action.RUN;
        if (result.hasMatchedOption("-h")) {
            action = Action.HELP;
        } else if (result.hasMatchedOption("-V")
                || result.hasMatchedOption("--version") && "long".equals(versionType)) {
            action = Action.LONG_VERSION;
        } else if (result.hasMatchedOption("-v") || result.hasMatchedOption("--version")) {
            action = Action.SHORT_VERSION;
        }
        List<String> command = new ArrayList<>();
        if (!result.matchedPositionals().isEmpty()) {
            String[] rest = result.matchedPositionals().get(0).getValue();
            for (String word : rest) {
                command.add(unempty(word));
            }
        }
        return new GlobalOptions(unempty(result.matchedOptionValue("-c", null)), result.hasMatchedOption("-r"),
                result.hasMatchedOption("-q"), result.hasMatchedOption("-t"),
                unempty(result.matchedOptionValue("--plugin-dir", null)), action, command);
    }

    private static String unempty(String word) {
        return EMPTY.equals(word) ? "" : word;
    }

    private static OptionSpec flag(String... names) {
        return OptionSpec.builder(names).arity("0").type(boolean.class).build();
    }
}
