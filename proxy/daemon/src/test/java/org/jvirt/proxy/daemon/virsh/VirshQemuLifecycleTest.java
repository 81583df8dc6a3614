package org.jvirt.proxy.daemon.virsh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.GUEST_CPU_TIME;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.QEMU_SECURITY_MODEL;
import static org.jvirt.proxy.daemon.virsh.AcceptedDifferences.assertSame;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.Libvirtd;

/**
 * A real guest's lifecycle through jvirtd serving jvirt's QEMU driver, driven by the real virsh, against
 * the same commands run by virsh on libvirt's own QEMU driver ({@code qemu:///embed}, in the virsh
 * process, no daemon needed).
 *
 * <p>libvirt's client refuses a {@code /embed} path with a transport ({@code qemu+unix:///embed?...}:
 * "URI scheme 'qemu+unix' for embedded driver is not valid", libvirt.c), so jvirtd is reached as a
 * remote driver user reaches any URI the daemon should open: {@code qemu+unix:///system?socket=S&name=N}
 * — the remote driver sends {@code name} to the daemon as the URI to open, here
 * {@code qemu:///embed?root=DIR}.
 *
 * <p>libvirt's embedded QEMU driver will not run as root without its {@code libvirt-qemu} user, so as
 * root its virsh runs as {@code nobody}; its capability probe (about 10 s) is kept in
 * {@code target/virsh-qemu-oracle} for the next run, as libvirt keeps it, checked against the emulator.
 */
class VirshQemuLifecycleTest {
    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    /** A diskless guest that boots under TCG (SeaBIOS finds nothing to boot and idles), as driver-qemu's tests use. */
    private static final String TINY = """
            <domain type='qemu'>
              <name>tiny</name>
              <uuid>0f0e0d0c-0b0a-0908-0706-050403020100</uuid>
              <memory unit='MiB'>64</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <features><acpi/><apic/></features>
              <devices><serial type='pty'/><console type='pty'><target type='serial' port='0'/></console></devices>
            </domain>
            """;

    @Test
    void guestLifecycleThroughJvirtdAsOnLibvirtsQemuDriver(@TempDir Path dir) throws Exception {
        Libvirtd.require(Files.isExecutable(QEMU), QEMU + " is not installed (Debian: apt-get install qemu-system-x86)");
        Path oracle = Files.createDirectories(Path.of("target", "virsh-qemu-oracle").toAbsolutePath());
        Path jvirtRoot = Files.createDirectories(dir.resolve("jvirt-root"));
        try {
            Path xml = Files.writeString(oracle.resolve("tiny.xml"), TINY);
            String commands = String.join("; ", "version", "hostname",
                    "define " + xml, "dumpxml tiny", "dominfo tiny", "domstate --reason tiny",
                    "start tiny", "list --all", "domstate --reason tiny", "domid tiny", "dominfo tiny",
                    "suspend tiny", "domstate --reason tiny", "dominfo tiny",
                    "resume tiny", "domstate --reason tiny",
                    "destroy tiny", "domstate --reason tiny", "dominfo tiny",
                    "undefine tiny", "list --all", "dominfo tiny");

            Virsh.Result libvirt = libvirtsOwn(oracle, commands);
            Virsh.Result jvirt;
            try (RunningJvirtd jvirtd = RunningJvirtd.start(Files.createDirectories(dir.resolve("jvirtd")))) {
                String uri = "qemu+unix:///system?socket=" + jvirtd.socket() + "&name="
                        + URLEncoder.encode("qemu:///embed?root=" + jvirtRoot, StandardCharsets.UTF_8);
                jvirt = Virsh.in(dir.resolve("home")).run(uri, false, commands);
            }

            assertThat(libvirt.stdout()).contains("Domain 'tiny' started", "running (booted)", "paused (user)",
                    "running (unpaused)", "shut off (destroyed)", "Domain 'tiny' has been undefined");
            assertThat(libvirt.stderr()).isEqualTo("error: failed to get domain 'tiny'\n");
            assertSame(commands, libvirt, jvirt, GUEST_CPU_TIME, QEMU_SECURITY_MODEL);
        } finally {
            // guests outlive connections by design: one left by a failure must not outlive the test
            killQemusUnder(oracle);
            killQemusUnder(jvirtRoot);
        }
    }

    /**
     * {@code commands} run by virsh on libvirt's embedded QEMU driver, whose root is {@code oracle}/root.
     * Skips (fails under JVIRT_REQUIRE_PEERS) when it cannot open, naming why.
     */
    private static Virsh.Result libvirtsOwn(Path oracle, String commands) throws Exception {
        Path root = oracle.resolve("root");
        clearAllBut(root, root.resolve("cache"));
        Files.createDirectories(root.resolve("etc"));
        // without virtlogd, QEMU's output goes to a file, as shared/PEERS.md found
        Files.writeString(root.resolve("etc/qemu.conf"), "stdio_handler = \"file\"\n");
        Path home = Files.createDirectories(oracle.resolve("home"));
        Virsh virsh = Virsh.in(home);
        if ("root".equals(System.getProperty("user.name"))) {
            Libvirtd.require(Files.isExecutable(SETPRIV), SETPRIV + " is needed to run libvirt's embedded QEMU driver as nobody");
            giveToNobody(oracle);
            virsh = virsh.through(List.of(SETPRIV.toString(), "--reuid=nobody", "--regid=" + nobodysGroup(), "--clear-groups", "--"),
                    home);
        }
        Virsh.Result opens = virsh.run("qemu:///embed?root=" + root, false, "uri");
        Libvirtd.require(opens.exitCode() == 0, "libvirt's embedded QEMU driver does not open here: " + opens.stderr().strip()
                + " (Debian: apt-get install libvirt-daemon-driver-qemu)");
        return virsh.run("qemu:///embed?root=" + root, false, commands);
    }

    /** Empties {@code dir} but for {@code keep}: libvirt's state of an earlier run goes, its capability cache stays. */
    private static void clearAllBut(Path dir, Path keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.startsWith(keep)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void giveToNobody(Path dir) throws IOException {
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setOwner(p, nobody);
            }
        }
        // nobody must reach the directory through its parents (target/ and the module)
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            assertThat(Files.getPosixFilePermissions(p)).as("%s must be open to nobody", p)
                    .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
        }
    }

    private static String nobodysGroup() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-g", "nobody").redirectErrorStream(true).start();
        String gid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(id.waitFor(Virsh.DEADLINE_SECONDS, TimeUnit.SECONDS) && id.exitValue() == 0).as("id -g nobody: %s", gid).isTrue();
        return gid;
    }

    /** Ends each QEMU whose command line names {@code dir}, by its process id. */
    private static void killQemusUnder(Path dir) {
        List<ProcessHandle> left = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.contains("qemu-system")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dir.toString())).orElse(false))
                .forEach(left::add);
        for (ProcessHandle p : left) {
            p.destroyForcibly();
            p.onExit().orTimeout(Virsh.DEADLINE_SECONDS, TimeUnit.SECONDS).exceptionally(t -> p).join();
        }
    }
}
