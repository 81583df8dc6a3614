package org.jvirt.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes jvirsh's bash completion script from the command model: the same {@link CommandDef}s and
 * {@link OptDef}s that parse and document the commands. Commands, options and fixed words complete
 * inside bash without starting a JVM; domain and network names are asked of jvirsh itself
 * ({@code jvirsh -q [-c URI] [-r] list --all --name}), on the URI the command line names.
 *
 * <p>{@code jvirsh --bash-completion} prints it; the copy committed under
 * {@code cli/src/main/completion/jvirsh.bash} is checked against it by a test.
 */
final class BashCompletion {
    private BashCompletion() {
    }

    /** The script, for the commands of {@code registry}. */
    static String script(CommandRegistry registry) {
        List<CommandDef> commands = registry.visible();
        StringBuilder s = new StringBuilder();
        s.append("""
                # bash completion for jvirsh, jvirt's virsh-compatible command line.
                # Generated from jvirsh's command model by `jvirsh --bash-completion`: do not edit.
                #
                # Install:  jvirsh --bash-completion > ~/.local/share/bash-completion/completions/jvirsh
                # or, for the current shell only:  source <(jvirsh --bash-completion)

                _jvirsh_global_options="-c --connect -d --debug -e --escape -h --help -k --keepalive-interval \\
                -K --keepalive-count -l --log -q --quiet -r --readonly -t --timing -v -V --version \\
                --plugin-dir --bash-completion"

                """);
        s.append("_jvirsh_commands=\"").append(join(commands.stream().map(CommandDef::name).sorted().toList()))
                .append("\"\n\n");
        List<String> groups = new ArrayList<>();
        for (CommandGroup g : CommandGroup.values()) {
            groups.add(g.keyword());
        }
        s.append("_jvirsh_groups=\"").append(join(groups)).append("\"\n\n");

        s.append("# The options of COMMAND, as help lists them.\n_jvirsh_options() {\n    case \"$1\" in\n");
        for (CommandDef def : commands) {
            List<String> names = new ArrayList<>();
            for (OptDef opt : def.visibleOptions()) {
                names.add("--" + opt.name());
            }
            if (!names.isEmpty()) {
                s.append("        ").append(def.name()).append(") echo \"").append(join(names)).append("\" ;;\n");
            }
        }
        s.append("    esac\n}\n\n");

        s.append("# The options of COMMAND that a bare word fills, in order (an ARGV option last, marked with *).\n"
                + "_jvirsh_positional() {\n    case \"$1\" in\n");
        for (CommandDef def : commands) {
            List<String> names = new ArrayList<>();
            for (OptDef opt : def.options()) {
                if (opt.positional()) {
                    names.add(opt.type() == OptType.ARGV ? opt.name() + "*" : opt.name());
                }
            }
            if (!names.isEmpty()) {
                s.append("        ").append(def.name()).append(") echo \"").append(join(names)).append("\" ;;\n");
            }
        }
        s.append("    esac\n}\n\n");

        s.append("# The options of COMMAND that take a value (aliases included: --kilobytes stands for --size).\n"
                + "_jvirsh_valued() {\n    case \"$1\" in\n");
        for (CommandDef def : commands) {
            List<String> names = new ArrayList<>();
            for (OptDef opt : def.options()) {
                if (opt.takesValue()) {
                    names.add("--" + opt.name());
                } else if (opt.type() == OptType.ALIAS && !opt.help().contains("=")
                        && def.option(opt.help()).map(OptDef::takesValue).orElse(false)) {
                    names.add("--" + opt.name() + "=" + opt.help());
                }
            }
            if (!names.isEmpty()) {
                s.append("        ").append(def.name()).append(") echo \"").append(join(names)).append("\" ;;\n");
            }
        }
        s.append("    esac\n}\n\n");

        s.append("# What the value of COMMAND's OPTION completes to: domain, network, file, command or words.\n"
                + "_jvirsh_values() {\n    case \"$1 $2\" in\n");
        for (CommandDef def : commands) {
            for (OptDef opt : def.options()) {
                String kind = switch (opt.completion()) {
                    case DOMAIN -> "domain";
                    case NETWORK -> "network";
                    case FILE -> "file";
                    case COMMAND -> "command";
                    case CHOICES -> "words " + join(opt.choices());
                    case NONE -> null;
                };
                if (kind != null) {
                    s.append("        \"").append(def.name()).append(' ').append(opt.name()).append("\") echo \"")
                            .append(kind).append("\" ;;\n");
                }
            }
        }
        s.append("    esac\n}\n\n");
        s.append(FUNCTION);
        return s.toString();
    }

    private static String join(List<String> words) {
        return String.join(" ", words);
    }

    /** The completion function itself: the same for every command model. */
    private static final String FUNCTION = """
            _jvirsh() {
                local cur prev words cword
                if declare -F _init_completion >/dev/null 2>&1; then
                    _init_completion -n = || return
                else
                    words=("${COMP_WORDS[@]}")
                    cword=$COMP_CWORD
                    cur=${COMP_WORDS[COMP_CWORD]}
                    prev=${COMP_WORDS[COMP_CWORD-1]}
                fi

                # jvirsh's own options, before the command: remember -c URI and -r for the name look-ups.
                local i=1 conn=() cmd="" cmdi=0
                while [ "$i" -lt "$cword" ]; do
                    case "${words[i]}" in
                        -c|--connect) i=$((i + 1)); conn+=(-c "${words[i]}") ;;
                        --connect=*) conn+=(-c "${words[i]#--connect=}") ;;
                        -r|--readonly) conn+=(-r) ;;
                        -d|--debug|-e|--escape|-k|--keepalive-interval|-K|--keepalive-count|-l|--log|--plugin-dir)
                            i=$((i + 1)) ;;
                        --) ;;
                        -*) ;;
                        *) cmd="${words[i]}"; cmdi=$i; break ;;
                    esac
                    i=$((i + 1))
                done

                if [ -z "$cmd" ]; then
                    case "$prev" in
                        -c|--connect) COMPREPLY=($(compgen -W "test:///default" -- "$cur")); return ;;
                        -l|--log|--plugin-dir) COMPREPLY=($(compgen -f -- "$cur")); return ;;
                        -d|--debug) COMPREPLY=($(compgen -W "0 1 2 3 4" -- "$cur")); return ;;
                        -e|--escape|-k|--keepalive-interval|-K|--keepalive-count) return ;;
                    esac
                    if [[ "$cur" == -* ]]; then
                        COMPREPLY=($(compgen -W "$_jvirsh_global_options" -- "$cur"))
                    else
                        COMPREPLY=($(compgen -W "$_jvirsh_commands" -- "$cur"))
                    fi
                    return
                fi

                # Replay the command's words: options given, positional options filled, a value due?
                local positional=($(_jvirsh_positional "$cmd")) valued=" $(_jvirsh_valued "$cmd") "
                local seen=" " await="" dataonly="" next=0 w name j
                for ((j = cmdi + 1; j < cword; j++)); do
                    w="${words[j]}"
                    if [ -n "$await" ]; then await=""; continue; fi
                    if [ -z "$dataonly" ] && [ "$w" = "--" ]; then dataonly=1; continue; fi
                    if [ -z "$dataonly" ] && [[ "$w" == --?* ]]; then
                        name="${w%%=*}"
                        local target="$name"
                        case "$valued" in
                            *" $name="*) target="${valued#* $name=}"; target="--${target%% *}" ;;
                        esac
                        seen+="${target#--} "
                        if [[ "$w" != *=* ]] && [[ "$valued" == *" $name "* || "$valued" == *" $name="* ]]; then
                            await="${target#--}"
                        fi
                        continue
                    fi
                    while [ "$next" -lt "${#positional[@]}" ] && [[ "$seen" == *" ${positional[next]%\\*} "* ]] \\
                            && [[ "${positional[next]}" != *\\* ]]; do
                        next=$((next + 1))
                    done
                    if [ "$next" -lt "${#positional[@]}" ]; then
                        seen+="${positional[next]%\\*} "
                        [[ "${positional[next]}" == *\\* ]] || next=$((next + 1))
                    fi
                done

                local option=""
                if [ -n "$await" ]; then
                    option="$await"
                else
                    if [ -z "$dataonly" ] && [[ -z "$cur" || "$cur" == -* ]]; then
                        local o options=""
                        for o in $(_jvirsh_options "$cmd"); do
                            [[ "$seen" == *" ${o#--} "* ]] || options+=" $o"
                        done
                        COMPREPLY=($(compgen -W "$options" -- "$cur"))
                        [[ "$cur" == -* ]] && return
                    fi
                    while [ "$next" -lt "${#positional[@]}" ] && [[ "$seen" == *" ${positional[next]%\\*} "* ]] \\
                            && [[ "${positional[next]}" != *\\* ]]; do
                        next=$((next + 1))
                    done
                    [ "$next" -lt "${#positional[@]}" ] && option="${positional[next]%\\*}"
                fi
                [ -z "$option" ] && return

                local kind=($(_jvirsh_values "$cmd" "$option")) names=""
                case "${kind[0]}" in
                    domain) names=$("${words[0]}" -q "${conn[@]}" list --all --name 2>/dev/null) ;;
                    network) names=$("${words[0]}" -q "${conn[@]}" net-list --all --name 2>/dev/null) ;;
                    command) COMPREPLY+=($(compgen -W "$_jvirsh_commands $_jvirsh_groups" -- "$cur")); return ;;
                    words) COMPREPLY+=($(compgen -W "${kind[*]:1}" -- "$cur")); return ;;
                    file) COMPREPLY+=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
                    *) return ;;
                esac
                # Domain and network names, one a line, may hold blanks.
                local IFS=$'\\n'
                COMPREPLY+=($(compgen -W "$names" -- "$cur"))
            }
            complete -F _jvirsh jvirsh
            """;
}
