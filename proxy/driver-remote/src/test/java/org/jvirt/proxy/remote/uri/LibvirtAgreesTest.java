package org.jvirt.proxy.remote.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jvirt.proxy.protocol.Libvirtd;
import org.jvirt.proxy.remote.uri.DerivationTable.Row;
import org.jvirt.proxy.remote.uri.DerivationTable.Who;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@link DerivationTable} is what Debian's libvirt 9 does: virsh opens the row's URI with
 * {@code LIBVIRT_DEBUG=1}, and its log says the daemon's URI ("proceeding with name = ...") and the socket ("Chosen
 * UNIX socket ..."); for ssh and ext a recorder stands in for the program and keeps the arguments libvirt gave it.
 * Each virsh runs in its own mount namespace over an empty {@code /run}, holding exactly the row's sockets, and as
 * user {@code nobody} (uid 65534) for the rows of a user — so that the machine's own daemons change nothing.
 */
class LibvirtAgreesTest {
    private static final Path VIRSH = Path.of("/usr/bin/virsh");

    @BeforeAll
    static void needVirshAndRoot() {
        Libvirtd.require(Files.isExecutable(VIRSH), VIRSH + " is not installed (Debian: apt-get install libvirt-clients)");
        Libvirtd.require("root".equals(System.getProperty("user.name")),
                "libvirt's derivation is checked in private mount namespaces, which need root");
        Libvirtd.require(Files.isExecutable(Path.of("/usr/bin/unshare")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "unshare and setpriv (util-linux) are missing");
    }

    static Stream<Row> rows() {
        return DerivationTable.ROWS.stream();
    }

    /** What virsh did with a URI. */
    record Seen(String name, String socket, String lastError, List<String> recorded) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void libvirtDerivesTheRow(Row row, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = open(Files.createDirectories(dir.resolve("home")));
        Path xdg = open(Files.createDirectories(dir.resolve("xdg")));
        Path out = open(Files.createDirectories(dir.resolve("out")));
        Path userDir = row.who() == Who.USER_WITHOUT_XDG ? home.resolve(".cache/libvirt") : xdg.resolve("libvirt");
        Path rec = dir.resolve("rec");
        Files.writeString(rec, "#!/bin/sh\n: > " + out.resolve("ran") + "\n"
                + "for a in \"$@\"; do printf '%s\\0' \"$a\"; done > " + out.resolve("argv") + "\n"
                + "echo 'recorder: not a daemon' >&2\nexit 1\n");
        Files.setPosixFilePermissions(rec, PosixFilePermissions.fromString("rwxr-xr-x"));

        Seen seen = virsh(row, rec, home, xdg, userDir, out);
        String uriNote = "virsh's log for " + row;
        if (row.expect() instanceof DerivationTable.Refused r) {
            assertThat(seen.lastError()).as(uriNote).isEqualTo("error: " + r.libvirtMessage());
            return;
        }
        String user = userDir.toString();
        if (row.expect() instanceof DerivationTable.Unix u) {
            assertThat(seen.name()).as(uriNote).isEqualTo(u.name());
            assertThat(seen.socket()).as(uriNote).isEqualTo(u.socket().replace("{user}", user));
        } else if (row.expect() instanceof DerivationTable.Tcp t) {
            assertThat(seen.name()).as(uriNote).isEqualTo(t.name());
            assertThat(seen.lastError()).as(uriNote).contains("'" + t.host() + ":" + t.port() + "'");
        } else if (row.expect() instanceof DerivationTable.Ext e) {
            assertThat(seen.name()).as(uriNote).isEqualTo(e.name());
            assertThat(seen.recorded()).as(uriNote).isEmpty();
        } else if (row.expect() instanceof DerivationTable.Ssh s) {
            assertThat(seen.name()).as(uriNote).isEqualTo(s.name());
            assertThat(seen.recorded()).as(uriNote).isEqualTo(s.args());
        }
    }

    private static Path open(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        return p;
    }

    private static Seen virsh(Row row, Path rec, Path home, Path xdg, Path userDir, Path out)
            throws IOException, InterruptedException {
        StringBuilder setup = new StringBuilder("mount -t tmpfs tmpfs /run && mkdir -p /run/libvirt");
        if (row.who() == Who.ROOT) {
            for (String s : row.existing()) {
                setup.append(" && : > /run/libvirt/").append(s);
            }
        } else {
            for (Path p = userDir; !p.equals(home) && !p.equals(xdg); p = p.getParent()) {
                Files.createDirectories(p);
            }
            for (Path p = userDir; !p.equals(home) && !p.equals(xdg); p = p.getParent()) {
                open(p);
            }
            for (String s : row.existing()) {
                Files.createFile(userDir.resolve(s));
            }
        }
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                setup + " && exec \"$@\"", "sh"));
        if (row.who() != Who.ROOT) {
            cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        cmd.addAll(List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LIBVIRT_DEBUG=1", "LIBVIRT_AUTOSTART=0",
                "HOME=" + home));
        if (row.who() == Who.USER) {
            cmd.add("XDG_RUNTIME_DIR=" + xdg);
        }
        cmd.add(VIRSH.toString());
        if (row.readOnly()) {
            cmd.add("-r");
        }
        cmd.addAll(List.of("-c", row.uri().replace("{rec}", rec.toString()), "uri"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("virsh did not end: " + log);
        }
        String name = null;
        String socket = null;
        String error = null;
        for (String line : log.split("\n")) {
            int at = line.indexOf("proceeding with name = ");
            if (at >= 0) {
                name = line.substring(at + "proceeding with name = ".length());
            }
            at = line.indexOf("Chosen UNIX socket ");
            if (at >= 0) {
                socket = line.substring(at + "Chosen UNIX socket ".length());
            }
            if (line.startsWith("error: ")) {
                error = line;
            }
        }
        List<String> recorded = null;
        if (Files.exists(out.resolve("ran"))) {
            String raw = Files.readString(out.resolve("argv"));
            recorded = raw.isEmpty() ? List.of() : Arrays.asList(raw.substring(0, raw.length() - 1).split("\0", -1));
        }
        assertThat(name != null || error != null).as("virsh said nothing we know: " + log).isTrue();
        return new Seen(name, socket, error, recorded);
    }
}
