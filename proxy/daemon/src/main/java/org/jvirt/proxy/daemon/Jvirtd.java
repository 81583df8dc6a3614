package org.jvirt.proxy.daemon;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.daemon.config.ConfigFile;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.daemon.server.Daemon;

/**
 * jvirtd, the daemon: {@code jvirtd [--config FILE] [--socket-dir DIR] [--timeout SECONDS]}. Serves libvirt's remote
 * protocol on {@code DIR/libvirt-sock} (read-write) and {@code DIR/libvirt-sock-ro} (read-only), by
 * default where libvirtd puts them; SIGTERM or SIGINT stop it gracefully.
 */
public final class Jvirtd {
    private Jvirtd() {
    }

    /** Runs the daemon until it is stopped; exits 1 on a usage or start-up error, with the reason. */
    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = configure(args, System.out);
        } catch (VirtException | IllegalArgumentException e) {
            System.err.println("jvirtd: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options == null) {
            return; // --help
        }
        Daemon daemon = start(options.config());
        if (daemon == null) {
            System.exit(1);
            return;
        }
        if (options.idleTimeout() != null) {
            daemon.stopWhenIdle(options.idleTimeout());
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
     * What the command line asks for.
     *
     * @param config the daemon's settings
     * @param idleTimeout how long the daemon stays without clients before it exits ({@code --timeout}), or null
     */
    record Options(DaemonConfig config, Duration idleTimeout) {
    }

    /**
     * The options {@code args} describe, or null when they ask for help (printed to {@code out}).
     *
     * @throws IllegalArgumentException for an unknown or incomplete option
     * @throws VirtException for a configuration file that cannot be read or is malformed
     */
    static Options configure(String[] args, PrintStream out) {
        Path configFile = null;
        Path socketDir = null;
        Duration idleTimeout = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "-f", "--config" -> configFile = Path.of(value(a, rest));
                case "--socket-dir" -> socketDir = Path.of(value(a, rest));
                case "-t", "--timeout" -> idleTimeout = seconds(a, value(a, rest));
                case "-h", "--help" -> {
                    out.println("usage: jvirtd [--config FILE] [--socket-dir DIR] [--timeout SECONDS]");
                    out.println("  --config FILE     settings as libvirtd.conf writes them (unix_sock_dir, unix_sock_rw_perms,");
                    out.println("                    unix_sock_ro_perms, listen_tcp, listen_addr, tcp_port, max_clients, max_workers,");
                    out.println("                    max_client_requests, keepalive_interval, keepalive_count, shutdown_timeout)");
                    out.println("  --socket-dir DIR  put libvirt-sock and libvirt-sock-ro in DIR (default " + DaemonConfig.defaultSocketDir() + ")");
                    out.println("  --timeout SECONDS exit after SECONDS without clients (as libvirtd's; a session daemon started");
                    out.println("                    on demand by a client runs with --timeout 120)");
                    return null;
                }
                default -> {
                    if (!a.startsWith("--timeout=")) {
                        throw new IllegalArgumentException("unknown option '" + a + "' (try --help)");
                    }
                    idleTimeout = seconds("--timeout", a.substring("--timeout=".length()));
                }
            }
        }
        DaemonConfig config = DaemonConfig.defaults(DaemonConfig.defaultSocketDir());
        if (configFile != null) {
            config = ConfigFile.read(configFile, config);
        }
        return new Options(socketDir == null ? config : config.withSocketDir(socketDir), idleTimeout);
    }

    private static Duration seconds(String option, String value) {
        try {
            long s = Long.parseLong(value);
            if (s > 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive number of seconds, not '" + value + "'");
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
