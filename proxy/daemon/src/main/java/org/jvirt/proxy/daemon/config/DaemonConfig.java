package org.jvirt.proxy.daemon.config;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * jvirtd's settings, named as libvirtd.conf names them where libvirtd has the setting.
 *
 * @param socketDir where {@code libvirt-sock} and {@code libvirt-sock-ro} are made ({@code unix_sock_dir})
 * @param readWritePerms the read-write socket's mode ({@code unix_sock_rw_perms}, default 0600)
 * @param readOnlyPerms the read-only socket's mode ({@code unix_sock_ro_perms}, default 0666)
 * @param listenTcp whether to listen on TCP too ({@code listen_tcp}, off by default; unauthenticated, so
 *     loopback only unless {@code listen_addr} says otherwise)
 * @param tcpAddress the TCP address ({@code listen_addr}, default 127.0.0.1)
 * @param tcpPort the TCP port ({@code tcp_port}, default 16509)
 * @param maxClients clients at once; more are dropped as they connect ({@code max_clients}, 5000)
 * @param maxWorkers calls running at once, of all clients ({@code max_workers}, 20)
 * @param maxClientRequests calls of one client in flight at once; its further calls wait to be read
 *     ({@code max_client_requests}, 5)
 * @param keepaliveInterval seconds of a client's silence before the daemon pings it; 0 or less: never
 *     ({@code keepalive_interval}, 5)
 * @param keepaliveCount pings unanswered before the daemon drops the client ({@code keepalive_count}, 5)
 * @param shutdownTimeoutSeconds how long a shutdown waits for calls in flight ({@code shutdown_timeout}, 30)
 */
public record DaemonConfig(Path socketDir, Set<PosixFilePermission> readWritePerms, Set<PosixFilePermission> readOnlyPerms,
                           boolean listenTcp, String tcpAddress, int tcpPort, int maxClients, int maxWorkers,
                           int maxClientRequests, int keepaliveInterval, int keepaliveCount, int shutdownTimeoutSeconds) {
    /** Checks ranges; the permission sets are copied. */
    public DaemonConfig {
        Objects.requireNonNull(socketDir, "socketDir");
        readWritePerms = Set.copyOf(readWritePerms);
        readOnlyPerms = Set.copyOf(readOnlyPerms);
        Objects.requireNonNull(tcpAddress, "tcpAddress");
        positive("max_clients", maxClients);
        positive("max_workers", maxWorkers);
        positive("max_client_requests", maxClientRequests);
        positive("keepalive_count", keepaliveCount);
        positive("shutdown_timeout", shutdownTimeoutSeconds);
        if (tcpPort <= 0 || tcpPort > 65535) {
            throw new IllegalArgumentException("tcp_port " + tcpPort + " is not a port number");
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    /** libvirtd's defaults, with the sockets in {@code socketDir}. */
    public static DaemonConfig defaults(Path socketDir) {
        return new DaemonConfig(socketDir, PosixFilePermissions.fromString("rw-------"),
                PosixFilePermissions.fromString("rw-rw-rw-"), false, "127.0.0.1", 16509, 5000, 20, 5, 5, 5, 30);
    }

    /**
     * libvirt's default socket directory: {@code /run/libvirt} as root, {@code $XDG_RUNTIME_DIR/libvirt}
     * (or {@code ~/.cache/libvirt}) otherwise.
     */
    public static Path defaultSocketDir() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/run/libvirt");
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        return runtime != null && !runtime.isBlank() ? Path.of(runtime, "libvirt")
                : Path.of(System.getProperty("user.home"), ".cache", "libvirt");
    }

    /** The read-write socket. */
    public Path readWriteSocket() {
        return socketDir.resolve("libvirt-sock");
    }

    /** The read-only socket. */
    public Path readOnlySocket() {
        return socketDir.resolve("libvirt-sock-ro");
    }

    /** This configuration with the sockets in {@code dir}. */
    public DaemonConfig withSocketDir(Path dir) {
        return new DaemonConfig(dir, readWritePerms, readOnlyPerms, listenTcp, tcpAddress, tcpPort, maxClients,
                maxWorkers, maxClientRequests, keepaliveInterval, keepaliveCount, shutdownTimeoutSeconds);
    }
}
