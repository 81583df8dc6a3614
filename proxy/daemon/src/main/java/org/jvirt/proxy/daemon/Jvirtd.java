package org.jvirt.proxy.daemon;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.daemon.config.ConfigFile;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.daemon.server.Daemon;

/**
 * jvirtd, the daemon: {@code jvirtd [--config FILE] [--socket-dir DIR]}. Serves libvirt's remote
 * protocol on {@code DIR/libvirt-sock} (read-write) and {@code DIR/libvirt-sock-ro} (read-only), by
 * default where libvirtd puts them; SIGTERM or SIGINT stop it gracefully.
 */
public final class Jvirtd {
    private Jvirtd() {
    }

    /** Runs the daemon until it is stopped; exits 1 on a usage or start-up error, with the reason. */
    public static void main(String[] args) throws InterruptedException {
        DaemonConfig config;
        try {
            config = configure(args, System.out);
        } catch (VirtException | IllegalArgumentException e) {
            System.err.println("jvirtd: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (config == null) {
            return; // --help
        }
        Daemon daemon = start(config);
        if (daemon == null) {
            System.exit(1);
            return;
        }
        DaemonLogManager.running();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                daemon.stop();
            } finally {
                DaemonLogManager.stopped();
            }
        }, "jvirtd-shutdown"));
        daemon.awaitStop();
    }

    /** Starts a daemon with {@code config} and {@code overrides} (for tests), or prints why it cannot and returns null. */
    static Daemon start(DaemonConfig config, Module... overrides) {
        Module module = Modules.override(new JvirtdModule(config)).with(overrides);
        Daemon daemon = Guice.createInjector(module).getInstance(Daemon.class);
        try {
            daemon.start();
            return daemon;
        } catch (VirtException e) {
            System.err.println("jvirtd: " + e.getMessage());
            return null;
        }
    }

    /**
     * The configuration {@code args} describe, or null when they ask for help (printed to {@code out}).
     *
     * @throws IllegalArgumentException for an unknown or incomplete option
     * @throws VirtException for a configuration file that cannot be read or is malformed
     */
    static DaemonConfig configure(String[] args, PrintStream out) {
        Path configFile = null;
        Path socketDir = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "-f", "--config" -> configFile = Path.of(value(a, rest));
                case "--socket-dir" -> socketDir = Path.of(value(a, rest));
                case "-h", "--help" -> {
                    out.println("usage: jvirtd [--config FILE] [--socket-dir DIR]");
                    out.println("  --config FILE     settings as libvirtd.conf writes them (unix_sock_dir, unix_sock_rw_perms,");
                    out.println("                    unix_sock_ro_perms, listen_tcp, listen_addr, tcp_port, max_clients, max_workers,");
                    out.println("                    max_client_requests, keepalive_interval, keepalive_count, shutdown_timeout)");
                    out.println("  --socket-dir DIR  put libvirt-sock and libvirt-sock-ro in DIR (default " + DaemonConfig.defaultSocketDir() + ")");
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "' (try --help)");
            }
        }
        DaemonConfig config = DaemonConfig.defaults(DaemonConfig.defaultSocketDir());
        if (configFile != null) {
            config = ConfigFile.read(configFile, config);
        }
        return socketDir == null ? config : config.withSocketDir(socketDir);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
