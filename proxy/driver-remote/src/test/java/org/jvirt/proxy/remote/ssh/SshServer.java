package org.jvirt.proxy.remote.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvirt.proxy.protocol.Libvirtd;

/**
 * Debian's OpenSSH server on a free loopback port, for as long as a test needs it: a generated host key, one
 * authorized client key (and one that is not), and a client wrapper that keeps its known hosts in the test's
 * directory. sshd runs in a private mount namespace over an empty {@code /run}, so the far side's
 * {@code /run/libvirt} (and {@code /var/run/libvirt}) is the directory the test gives — a daemon's sockets there are
 * at libvirt's default paths — and never the machine's own; root's home there is empty too, so that the far side is
 * a plain host, not this machine's root account with its shell start-up files.
 *
 * <p>Absent sshd, ssh, root or unshare, the test is skipped with the reason — unless {@code JVIRT_REQUIRE_PEERS}
 * is set, as in CI, which makes it fail.
 *
 * <pre>{@code
 * try (SshServer ssh = SshServer.builder(dir).farSideRun(daemonSocketDir).start();
 *      Connection c = Jvirt.builder().uri(ssh.uri("test", "/default")).open()) { ... }
 * }</pre>
 */
public final class SshServer implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    public static final Path SSH = Path.of("/usr/bin/ssh");
    private static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");

    private final Process process;
    private final Path dir;
    private final int port;
    private final boolean multiplexed;

    private SshServer(Process process, Path dir, int port, boolean multiplexed) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.multiplexed = multiplexed;
    }

    /** An sshd with its files in {@code dir}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** Skips (or, in CI, fails) the test when this machine cannot run the server. */
    public static void require() {
        Libvirtd.require(Files.isExecutable(SSHD), SSHD + " is not installed (Debian: apt-get install openssh-server)");
        Libvirtd.require(Files.isExecutable(SSH) && Files.isExecutable(KEYGEN),
                SSH + " is not installed (Debian: apt-get install openssh-client)");
        Libvirtd.require("root".equals(System.getProperty("user.name")),
                "sshd runs in a private mount namespace and logs in as root, which needs root");
        Libvirtd.require(Files.isExecutable(UNSHARE), UNSHARE + " (util-linux) is missing");
    }

    /** How the server is set up. */
    public static final class Builder {
        private final Path dir;
        private Path farSideRun;
        private String farSidePath;
        private boolean multiplexed;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** The directory the far side sees as {@code /run/libvirt}; an empty one by default. */
        public Builder farSideRun(Path run) {
            this.farSideRun = run;
            return this;
        }

        /** The PATH of the far side's sessions; sshd's default by default. */
        public Builder farSidePath(Path... dirs) {
            StringJoiner j = new StringJoiner(":");
            for (Path d : dirs) {
                j.add(d.toString());
            }
            this.farSidePath = j.toString();
            return this;
        }

        /**
         * Makes the client wrapper share one ssh connection among its sessions (OpenSSH's {@code ControlMaster},
         * as many users configure it): each later connection costs a session, not a key exchange. The shared
         * connection ends with the server.
         */
        public Builder multiplexed() {
            this.multiplexed = true;
            return this;
        }

        /** Starts sshd and returns once it listens. */
        public SshServer start() throws IOException, InterruptedException {
            require();
            Path home = Files.createDirectories(dir.resolve("sshd"));
            keygen(home.resolve("host_key"));
            keygen(home.resolve("client_key"));
            keygen(home.resolve("other_key"));
            Files.copy(home.resolve("client_key.pub"), home.resolve("authorized_keys"));
            Files.writeString(home.resolve("ssh_config"), String.join("\n",
                    "Host *",
                    "  UserKnownHostsFile " + home.resolve("known_hosts"),
                    "  GlobalKnownHostsFile /dev/null",
                    "  IdentitiesOnly yes",
                    "  IdentityAgent none",
                    "  PasswordAuthentication no",
                    "  KbdInteractiveAuthentication no",
                    "  LogLevel ERROR",
                    multiplexed ? "  ControlMaster auto\n  ControlPersist 600\n  ControlPath " + home.resolve("%C") : "",
                    ""));
            Path wrapper = home.resolve("ssh");
            Files.writeString(wrapper, "#!/bin/sh\n# the system's ssh, its known hosts kept here\nexec " + SSH + " -F "
                    + home.resolve("ssh_config") + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path run = farSideRun != null ? farSideRun : Files.createDirectories(home.resolve("empty-run"));
            IOException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    return launch(home, run, freePort());
                } catch (PortTaken e) {
                    last = e;
                }
            }
            throw last;
        }

        private SshServer launch(Path home, Path run, int port) throws IOException, InterruptedException {
            Path config = home.resolve("sshd_config");
            List<String> lines = new ArrayList<>(List.of(
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + home.resolve("host_key"),
                    "PidFile none",
                    "AuthorizedKeysFile " + home.resolve("authorized_keys"),
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "UseDNS no",
                    "MaxStartups 200",
                    "LogLevel VERBOSE"));
            if (farSidePath != null) {
                lines.add("SetEnv PATH=" + farSidePath);
            }
            Files.write(config, lines);
            // an empty /run but for the daemon's sockets; an empty home for root (no .bashrc of this machine's)
            String script = "mount -t tmpfs tmpfs /run && mkdir -p /run/sshd /run/libvirt"
                    + " && mount --bind \"$1\" /run/libvirt && mount -t tmpfs tmpfs /root"
                    + " && exec " + SSHD + " -D -e -f \"$2\"";
            Process p = new ProcessBuilder(UNSHARE.toString(), "--mount", "--propagation", "private", "sh", "-c", script,
                    "sh", run.toString(), config.toString()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            Path log = home.resolve("sshd.log");
            CountDownLatch listening = new CountDownLatch(1);
            AtomicBoolean taken = new AtomicBoolean();
            Thread reader = new Thread(() -> follow(p, log, port, listening, taken), "sshd log " + port);
            reader.setDaemon(true);
            reader.start();
            boolean up = listening.await(30, TimeUnit.SECONDS) && p.isAlive();
            if (!up) {
                p.destroyForcibly().waitFor();
                reader.join(TimeUnit.SECONDS.toMillis(10));
                String said = Files.readString(log);
                if (taken.get()) {
                    throw new PortTaken(said);
                }
                throw new IOException("sshd did not start: " + said);
            }
            return new SshServer(p, home, port, multiplexed);
        }
    }

    /** sshd's output to its log; counts {@code listening} down once it listens. */
    private static void follow(Process p, Path log, int port, CountDownLatch listening, AtomicBoolean taken) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer w = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line + "\n");
                w.flush();
                if (line.contains("Address already in use")) {
                    taken.set(true);
                }
                if (line.contains("Server listening on 127.0.0.1 port " + port)) {
                    listening.countDown();
                }
            }
        } catch (IOException e) {
            // the JDK closes the stream as sshd ends; the log has what sshd said
        } finally {
            listening.countDown();
        }
    }

    private static final class PortTaken extends IOException {
        private static final long serialVersionUID = 1L;

        PortTaken(String log) {
            super("sshd's port was taken: " + log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void keygen(Path key) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "jvirt-test",
                "-f", key.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + out);
        }
    }

    /** The port sshd listens on, at 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The authorized client key. */
    public Path key() {
        return dir.resolve("client_key");
    }

    /** A client key the server does not know. */
    public Path otherKey() {
        return dir.resolve("other_key");
    }

    /** The ssh client to give as {@code ?command=}: the system's, with this server's known-hosts file. */
    public Path ssh() {
        return dir.resolve("ssh");
    }

    /** sshd's log. */
    public Path log() {
        return dir.resolve("sshd.log");
    }

    /**
     * {@code DRIVER+ssh://root@127.0.0.1:PORT/PATH?command=SSH&keyfile=KEY&no_tty=1&no_verify=1}, then
     * {@code params} (each {@code name=value}).
     */
    public String uri(String driver, String path, String... params) {
        StringBuilder b = new StringBuilder(driver).append("+ssh://root@127.0.0.1:").append(port).append(path)
                .append("?command=").append(ssh()).append("&keyfile=").append(key()).append("&no_tty=1&no_verify=1");
        for (String p : params) {
            b.append('&').append(p);
        }
        return b.toString();
    }

    /**
     * A directory for {@link Builder#farSidePath} holding only {@code tools}: each a script running the system's
     * program of that name ({@code java} is this JVM's), or, for {@code jvirt-ssh-helper}, a symbolic link to the
     * launcher at the root of the tree (as a host would install it).
     */
    public static Path tools(Path dir, String... tools) throws IOException {
        Path bin = Files.createDirectories(dir);
        for (String t : tools) {
            if (t.equals("jvirt-ssh-helper")) {
                Files.createSymbolicLink(bin.resolve(t), JvirtSshHelper.LAUNCHER);
                continue;
            }
            Path program = t.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java")
                    : Path.of("/usr/bin", t).toRealPath();
            Path script = bin.resolve(t);
            Files.writeString(script, "#!/bin/sh\nexec " + program + " \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    /** Stops sshd (sessions still open end with their clients), and the shared client connection if any. */
    @Override
    public void close() {
        try {
            if (multiplexed) {
                Process exit = new ProcessBuilder(ssh().toString(), "-O", "exit", "-p", Integer.toString(port),
                        "root@127.0.0.1").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                exit.waitFor(20, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // sshd's end below ends the shared connection anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
