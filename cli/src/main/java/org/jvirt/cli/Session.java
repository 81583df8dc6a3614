package org.jvirt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Network;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;

/**
 * One run of jvirsh: one connection, shared by every command so that a state change made by one is
 * seen by the next, as in virsh. Runs parsed commands the way virsh's {@code vshCommandRun} does:
 * failures are reported and the next command still runs, a blank line follows each command (unless
 * quiet), {@code quit} stops, and the result is the last command's.
 *
 * <p>{@code connect} replaces the connection as virsh's {@code virshReconnect}: the old one is
 * closed first; when the new one cannot be opened, the next command that needs a connection opens the
 * previous URI again.
 */
final class Session implements AutoCloseable {
    private final Output output;
    private final boolean timing;
    private final Path pluginDir;
    private final boolean interactive;
    /** virsh's keepalive when neither {@code -k} nor {@code -K} is given. */
    private static final int DEFAULT_KEEPALIVE_INTERVAL = 5;
    private static final int DEFAULT_KEEPALIVE_COUNT = 6;

    private final int keepaliveInterval;
    private final int keepaliveCount;
    private final boolean keepaliveForced;
    private String uri;
    private boolean readOnly;
    private Connection connection;
    private boolean quitRequested;
    private Path cwd = Path.of("").toAbsolutePath();
    private boolean terminal;
    private JobWatcher.Interrupts interrupts;

    /**
     * @param uri the URI to open, or null for jvirt's default
     * @param timing whether to print each command's duration ({@code -t})
     * @param pluginDir a directory of third-party driver plugins to load, or null
     */
    Session(Output output, String uri, boolean readOnly, boolean timing, String pluginDir) {
        this(output, uri, readOnly, timing, pluginDir, false, -1, -1);
    }

    /**
     * @param interactive whether this is the shell (where {@code cd} works)
     * @param keepaliveInterval {@code -k}, or -1 for virsh's default (5 s)
     * @param keepaliveCount {@code -K}, or -1 for virsh's default (6); either given, keepalive must then work
     */
    Session(Output output, String uri, boolean readOnly, boolean timing, String pluginDir, boolean interactive,
            int keepaliveInterval, int keepaliveCount) {
        this.output = output;
        this.pluginDir = pluginDir == null || pluginDir.isEmpty() ? null : Path.of(pluginDir);
        // libvirt treats an empty URI as none: the default one.
        this.uri = uri == null || uri.isEmpty() ? null : uri;
        this.readOnly = readOnly;
        this.timing = timing;
        this.interactive = interactive;
        this.keepaliveForced = keepaliveInterval >= 0 || keepaliveCount >= 0;
        this.keepaliveInterval = keepaliveInterval >= 0 ? keepaliveInterval : DEFAULT_KEEPALIVE_INTERVAL;
        this.keepaliveCount = keepaliveCount >= 0 ? keepaliveCount : DEFAULT_KEEPALIVE_COUNT;
    }

    /** Where commands print. */
    Output out() {
        return output;
    }

    /** Declares that stderr is a terminal: long jobs then show a live progress bar. */
    void setTerminal(boolean terminal) {
        this.terminal = terminal;
    }

    /** Where Ctrl-C is heard during jobs and event loops (tests replace SIGINT). */
    void setInterrupts(JobWatcher.Interrupts interrupts) {
        this.interrupts = interrupts;
    }

    /** Where Ctrl-C is heard during jobs and event loops. */
    JobWatcher.Interrupts interrupts() {
        if (interrupts == null) {
            interrupts = JobWatcher.sigint();
        }
        return interrupts;
    }

    /** Watches long jobs of this session's commands. */
    JobWatcher jobs() {
        return new JobWatcher(output, terminal, interrupts());
    }

    /**
     * What the connection can say about {@code domain}'s running job: its progress when the
     * connection declares {@code virDomainGetJobInfo}, Ctrl-C aborting it when it declares
     * {@code virDomainAbortJob}; otherwise a job shows only its completion.
     */
    JobWatcher.Control jobControl(Domain domain) {
        Connection conn = connection();
        return JobWatcher.Control.of(domain, conn.supports(Operation.DOMAIN_GET_JOB_INFO),
                conn.supports(Operation.DOMAIN_ABORT_JOB));
    }

    /** Whether the connection is read-only: {@code -r}, or a {@code connect --readonly} since. */
    boolean readOnly() {
        return readOnly;
    }

    /** Whether this is the interactive shell. */
    boolean interactive() {
        return interactive;
    }

    /**
     * Opens the connection; on failure prints virsh's two lines and returns false. virsh connects once,
     * after parsing and before running any command.
     */
    boolean connect() {
        Connection opened = open(uri);
        if (opened == null) {
            return false;
        }
        connection = opened;
        return true;
    }

    /** Opens {@code target} (null: the default) with the session's settings, or prints why not and returns null. */
    private Connection open(String target) {
        try {
            Jvirt.Builder builder = Jvirt.builder().uri(target).readOnly(readOnly);
            if (pluginDir != null) {
                builder.pluginDir(pluginDir);
                for (String problem : builder.providers().problems()) {
                    output.warning(problem);
                }
            }
            Connection opened = builder.open();
            // As virsh: keepalive with the daemon (only the remote driver has one); without it, say so at the
            // INFO level, or refuse the connection when -k/-K asked for it.
            if (keepaliveInterval > 0) {
                String failure = keepalive(opened);
                if (failure != null && keepaliveForced) {
                    opened.close();
                    output.error("Cannot setup keepalive on connection as requested, disconnecting");
                    output.error("failed to connect to the hypervisor");
                    if (!failure.isEmpty()) {
                        output.error(failure);
                    }
                    return null;
                }
                if (failure != null) {
                    output.debug(Output.INFO, "Failed to setup keepalive on connection");
                }
            }
            return opened;
        } catch (VirtException e) {
            output.error("failed to connect to the hypervisor");
            output.error(e.getMessage());
            return null;
        }
    }

    /** Starts keepalive on {@code c}: null when it runs, else libvirt's error (empty when the daemon has none). */
    private String keepalive(Connection c) {
        try {
            return c.setKeepAlive(keepaliveInterval, keepaliveCount) ? null : "";
        } catch (VirtException e) {
            // libvirt's words for a driver without it; jvirt's core adds which drivers those are
            return e.code() == ErrorCode.NO_SUPPORT
                    ? ErrorCode.NO_SUPPORT.format(Operation.CONNECT_SET_KEEPALIVE.libvirtName()) : e.getMessage();
        }
    }

    /**
     * virsh's {@code connect}: closes the connection and opens {@code name} (null: the same URI again).
     * {@code readonly} sticks: once read-only, later reconnections are too, as in virsh.
     *
     * @throws CommandError when the new connection cannot be opened (the reasons are already printed)
     */
    void reconnect(String name, boolean readonly) {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        readOnly |= readonly;
        String target = name == null || name.isEmpty() ? uri : name;
        Connection opened = open(target);
        if (opened == null) {
            throw new CommandError(List.of());
        }
        connection = opened;
        uri = target;
    }

    /** The open connection; reopened with the last good URI if {@code connect} failed since. */
    Connection connection() {
        if (connection == null) {
            Connection opened = open(uri);
            if (opened == null) {
                throw new CommandError("no valid connection");
            }
            connection = opened;
        }
        return connection;
    }

    /** Domain lookups on this connection, for {@code command}'s debug lines. */
    DomainResolver domains() {
        return new DomainResolver(connection(), output);
    }

    /** Network lookups on this connection. */
    NetworkResolver networks() {
        return new NetworkResolver(connection(), output);
    }

    /** The directory relative file names are read from: the process's, changed by {@code cd}. */
    Path cwd() {
        return cwd;
    }

    /** {@code file} as the commands open it: relative to {@link #cwd()}. */
    Path resolve(String file) {
        return cwd.resolve(file);
    }

    /** {@code cd}. */
    void changeDirectory(Path dir) {
        cwd = dir;
    }

    /**
     * Names completion offers for {@code kind}: domains or networks of the connection; empty when
     * there is no connection or the driver cannot list them.
     */
    List<String> completionNames(Completion kind) {
        List<String> names = new ArrayList<>();
        try {
            Connection c = connection == null ? null : connection;
            if (c == null) {
                return names;
            }
            if (kind == Completion.DOMAIN) {
                for (Domain d : DomainLister.collect(c, java.util.EnumSet.noneOf(org.jvirt.api.DomainListFilter.class))) {
                    names.add(d.name());
                }
            } else if (kind == Completion.NETWORK) {
                for (Network n : c.listAllNetworks()) {
                    names.add(n.name());
                }
            }
        } catch (VirtException e) {
            // nothing to offer
        }
        return names;
    }

    /** Makes the shell stop after the current command ({@code quit}, {@code exit}). */
    void requestQuit() {
        quitRequested = true;
    }

    /** Whether {@code quit} ran. */
    boolean quitRequested() {
        return quitRequested;
    }

    /** Runs {@code commands} in order; true when the last one that ran succeeded. */
    boolean run(List<ParsedCommand> commands) {
        boolean ok = true;
        for (ParsedCommand command : commands) {
            long start = System.nanoTime();
            ok = execute(command);
            if (quitRequested) {
                return ok;
            }
            if (timing) {
                output.printf("\n(Time: %.3f ms)\n\n", (System.nanoTime() - start) / 1_000_000.0);
            } else {
                output.extra("\n");
            }
        }
        return ok;
    }

    /** Runs one command, printing its errors; true on success. */
    boolean execute(ParsedCommand command) {
        try {
            for (CommandDef.Rule rule : command.def().rules()) {
                rule.check(command);
            }
            refuseUnimplemented(command);
            command.def().handler().run(this, command);
            return true;
        } catch (CommandError e) {
            e.lines().forEach(output::error);
        } catch (VirtException e) {
            output.error(e.getMessage());
        } catch (RuntimeException e) {
            // A driver bug must not kill the rest of the script; report it as libvirt reports its own.
            output.error("internal error: " + e);
        }
        return false;
    }

    private static void refuseUnimplemented(ParsedCommand command) {
        for (String name : command.values().keySet()) {
            OptDef opt = command.def().option(name).orElseThrow();
            if (!opt.implemented()) {
                throw new CommandError("option --" + name + " of command '" + command.name()
                        + "' is not supported by jvirsh yet");
            }
        }
    }

    /** Closes the connection, which lets the test driver forget {@code test:///default}'s state. */
    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
