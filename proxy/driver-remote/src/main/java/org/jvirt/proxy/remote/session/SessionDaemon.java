package org.jvirt.proxy.remote.session;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.spi.IoErrors;

/**
 * Starts the user's own jvirtd when a session URI finds no daemon on its socket, as libvirt's client
 * spawns {@code libvirtd --timeout=120}: the daemon runs detached (it outlives the client, keeping the
 * user's guests), logs to {@code $XDG_CACHE_HOME/libvirt/jvirtd.log}, and exits after 120 seconds
 * without clients. Which jvirtd: {@code $JVIRTD} when set, else {@code jvirtd} on the {@code PATH}.
 *
 * <p>Two clients starting it at once are harmless: the second daemon finds the first one's socket
 * live and exits, and both clients connect to the first.
 */
public final class SessionDaemon {
    private static final System.Logger LOG = System.getLogger(SessionDaemon.class.getName());
    /** libvirt's session daemon idles this long before it exits. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** How long a freshly started daemon may take to listen (a JVM start, a slow machine). */
    static final Duration START_DEADLINE = Duration.ofSeconds(30);

    private final Map<String, String> env;

    /** With the process's environment. */
    public SessionDaemon() {
        this(System.getenv());
    }

    /** With {@code env} as the environment ({@code JVIRTD}, {@code PATH}, {@code XDG_CACHE_HOME}, {@code HOME}). */
    public SessionDaemon(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /**
     * Makes sure a daemon listens on {@code socket}: returns at once when one does; otherwise starts one
     * (its sockets in {@code socket}'s directory) and waits until it listens.
     *
     * @throws VirtException SYSTEM_ERROR naming the command when no jvirtd can be found or started, or it
     *     did not listen in time (with the end of its log)
     */
    public void ensureRunning(Path socket) {
        if (listening(socket)) {
            return;
        }
        Path launcher = launcher();
        Path log = logFile();
        ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), "--socket-dir",
                socket.getParent().toString(), "--timeout=" + IDLE_TIMEOUT.toSeconds()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p;
        try {
            Files.createDirectories(socket.getParent());
            p = pb.start();
        } catch (IOException e) {
            throw failed("cannot start the session daemon " + launcher + ": " + IoErrors.strerror(e), e);
        }
        LOG.log(System.Logger.Level.INFO, "started the session daemon " + launcher + " (pid " + p.pid() + ") for "
                + socket + "; it logs to " + log);
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (!listening(socket)) {
            if (!p.isAlive() && !listening(socket)) {
                throw failed("the session daemon " + launcher + " exited with status " + p.exitValue()
                        + " before listening on " + socket + " (see " + log + ")", null);
            }
            if (System.nanoTime() > deadline) {
                throw failed("the session daemon " + launcher + " did not listen on " + socket + " within "
                        + START_DEADLINE.toSeconds() + " s (see " + log + ")", null);
            }
            try {
                p.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("interrupted while the session daemon started", e);
            }
        }
    }

    /** Whether something accepts connections on {@code socket}. */
    static boolean listening(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code $JVIRTD}, else the first executable {@code jvirtd} on the {@code PATH}. */
    Path launcher() {
        String explicit = env.get("JVIRTD");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "jvirtd");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw failed("no session daemon runs and none can be started: no jvirtd on the PATH (" + path
                + ") and JVIRTD is not set", null);
    }

    private Path logFile() {
        String cache = env.get("XDG_CACHE_HOME");
        Path dir = cache != null && !cache.isBlank() ? Path.of(cache, "libvirt")
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "libvirt");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failed("cannot create " + dir + " for the session daemon's log: " + IoErrors.strerror(e), e);
        }
        return dir.resolve("jvirtd.log");
    }

    /** As libvirt's failures to reach a socket: a system error of the RPC layer, saying why. */
    private static VirtException failed(String detail, Throwable cause) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC, detail, null, null, cause);
    }
}
