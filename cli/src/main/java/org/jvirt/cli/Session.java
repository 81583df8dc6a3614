package org.jvirt.cli;

import java.nio.file.Path;
import java.util.List;
import org.jvirt.api.Connection;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;

/**
 * One run of jvirsh: one connection, shared by every command so that a state change made by one is
 * seen by the next, as in virsh. Runs parsed commands the way virsh's {@code vshCommandRun} does:
 * failures are reported and the next command still runs, a blank line follows each command (unless
 * quiet), {@code quit} stops, and the result is the last command's.
 */
final class Session implements AutoCloseable {
    private final Output output;
    private final String uri;
    private final boolean readOnly;
    private final boolean timing;
    private Connection connection;
    private boolean quitRequested;
    private final Path pluginDir;

    /**
     * @param uri the URI to open, or null for jvirt's default
     * @param timing whether to print each command's duration ({@code -t})
     * @param pluginDir a directory of third-party driver plugins to load, or null
     */
    Session(Output output, String uri, boolean readOnly, boolean timing, String pluginDir) {
        this.output = output;
        this.pluginDir = pluginDir == null || pluginDir.isEmpty() ? null : Path.of(pluginDir);
        // libvirt treats an empty URI as none: the default one.
        this.uri = uri == null || uri.isEmpty() ? null : uri;
        this.readOnly = readOnly;
        this.timing = timing;
    }

    /** Where commands print. */
    Output out() {
        return output;
    }

    /**
     * Opens the connection; on failure prints virsh's two lines and returns false. virsh connects once,
     * after parsing and before running any command.
     */
    boolean connect() {
        try {
            Jvirt.Builder builder = Jvirt.builder().uri(uri).readOnly(readOnly);
            if (pluginDir != null) {
                builder.pluginDir(pluginDir);
                for (String problem : builder.providers().problems()) {
                    output.warning(problem);
                }
            }
            connection = builder.open();
            return true;
        } catch (VirtException e) {
            output.error("failed to connect to the hypervisor");
            output.error(e.getMessage());
            return false;
        }
    }

    /** The open connection. */
    Connection connection() {
        if (connection == null) {
            throw new IllegalStateException("not connected");
        }
        return connection;
    }

    /** Domain lookups on this connection. */
    DomainResolver domains() {
        return new DomainResolver(connection());
    }

    /** Network lookups on this connection. */
    NetworkResolver networks() {
        return new NetworkResolver(connection());
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
