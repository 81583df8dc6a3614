package org.jvirt.proxy.daemon;

import com.google.inject.Module;
import java.nio.file.Path;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.daemon.server.Daemon;

/**
 * jvirtd running in the test's JVM, its sockets in a directory of the test's: the daemon exactly as
 * {@code ./jvirtd --socket-dir DIR} wires it, with optional Guice overrides.
 */
public final class RunningJvirtd implements AutoCloseable {
    private final Daemon daemon;
    private final DaemonConfig config;

    private RunningJvirtd(Daemon daemon, DaemonConfig config) {
        this.daemon = daemon;
        this.config = config;
    }

    /** Starts jvirtd with libvirtd's defaults and its sockets in {@code dir}. */
    public static RunningJvirtd start(Path dir, Module... overrides) {
        return start(DaemonConfig.defaults(dir), overrides);
    }

    /** Starts jvirtd with {@code config}. */
    public static RunningJvirtd start(DaemonConfig config, Module... overrides) {
        Daemon d = Jvirtd.start(config, overrides);
        if (d == null) {
            throw new IllegalStateException("jvirtd did not start in " + config.socketDir());
        }
        return new RunningJvirtd(d, config);
    }

    /** The read-write socket. */
    public Path socket() {
        return config.readWriteSocket();
    }

    /** The read-only socket. */
    public Path readOnlySocket() {
        return config.readOnlySocket();
    }

    /** The running daemon. */
    public Daemon daemon() {
        return daemon;
    }

    @Override
    public void close() {
        daemon.stop();
    }
}
