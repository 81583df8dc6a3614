package org.jvirt.proxy.remote.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jvirt's far-side command is libvirt's behind one test: libvirt's first choice where the far side has it, else
 * jvirt-ssh-helper, else libvirt's command as it is. Run here through two shells as ssh runs it (the login shell,
 * then {@code sh -c}), with stand-ins for the helpers that print what they were given.
 */
class FarSideCommandTest {
    private static final String URI = "test:///it's a path?x=1&y=$HOME";

    @TempDir
    Path dir;

    @Test
    void theFallbackWrapsLibvirtsCommandUnchanged() {
        FarSideCommand auto = new FarSideCommand(ProxyMode.AUTO, null, "/var/run/libvirt/libvirt-sock", "qemu:///system",
                false, false);
        String inner = auto.libvirt().substring("sh -c '".length(), auto.libvirt().length() - 1);
        assertThat(auto.jvirt()).isEqualTo("sh -c 'if ! which virt-ssh-helper >/dev/null 2>&1 && command -v "
                + "jvirt-ssh-helper >/dev/null 2>&1; then jvirt-ssh-helper 'qemu:///system'; else " + inner + "; fi'");

        FarSideCommand implicitNetcat = new FarSideCommand(ProxyMode.NETCAT, null, "/tmp/s", "qemu:///system", true, false);
        assertThat(implicitNetcat.jvirt()).startsWith("sh -c 'if ! which nc >/dev/null 2>&1 && command -v "
                + "jvirt-ssh-helper >/dev/null 2>&1; then jvirt-ssh-helper --socket '/tmp/s'; else ");
        // netcat asked for by name is run as asked
        assertThat(new FarSideCommand(ProxyMode.AUTO, "/bin/nc", "/s", "qemu:///system", false, false).jvirt())
                .isEqualTo(new FarSideCommand(ProxyMode.AUTO, "/bin/nc", "/s", "qemu:///system", false, false).libvirt());
        FarSideCommand asked = new FarSideCommand(ProxyMode.NETCAT, null, "/s", "qemu:///system", false, true);
        assertThat(asked.jvirt()).isEqualTo(asked.libvirt());
    }

    @Test
    void virtSshHelperFirst() throws Exception {
        Path bin = tools("virt-ssh-helper", "jvirt-ssh-helper", "nc");
        assertThat(run(bin, command(ProxyMode.AUTO, false))).isEqualTo("virt-ssh-helper [" + URI + "]");
        assertThat(run(bin, command(ProxyMode.AUTO, true))).isEqualTo("virt-ssh-helper [-r] [" + URI + "]");
        assertThat(run(bin, command(ProxyMode.NATIVE, false))).isEqualTo("virt-ssh-helper [" + URI + "]");
    }

    @Test
    void jvirtsHelperWhereLibvirtsIsMissing() throws Exception {
        Path bin = tools("jvirt-ssh-helper", "nc");
        assertThat(run(bin, command(ProxyMode.AUTO, true))).isEqualTo("jvirt-ssh-helper [-r] [" + URI + "]");
        assertThat(run(bin, command(ProxyMode.NATIVE, false))).isEqualTo("jvirt-ssh-helper [" + URI + "]");
    }

    @Test
    void netcatLast() throws Exception {
        Path bin = tools("nc");
        assertThat(run(bin, command(ProxyMode.AUTO, false))).isEqualTo("nc [-q0] [-U] [/run/x/sock]");
    }

    @Test
    void anExplicitSocketGoesToNetcatElseToJvirtsHelper() throws Exception {
        assertThat(run(tools("nc", "jvirt-ssh-helper"), command(ProxyMode.NETCAT, false))).isEqualTo("nc [-q0] [-U] [/run/x/sock]");
        assertThat(run(tools("jvirt-ssh-helper"), command(ProxyMode.NETCAT, false)))
                .isEqualTo("jvirt-ssh-helper [--socket] [/run/x/sock]");
    }

    @Test
    void withNothingTheShellSaysWhatIsMissing() throws Exception {
        assertThat(run(tools(), command(ProxyMode.AUTO, false))).contains("nc: not found");
        assertThat(run(tools(), command(ProxyMode.NATIVE, false))).contains("virt-ssh-helper: not found");
    }

    private static String command(ProxyMode mode, boolean readOnly) {
        return new FarSideCommand(mode, null, "/run/x/sock", URI, readOnly, false).jvirt();
    }

    /** A PATH of sh, which and grep, and stand-ins for {@code helpers} that print their arguments. */
    private Path tools(String... helpers) throws IOException {
        Path bin = Files.createTempDirectory(dir, "bin");
        for (String tool : List.of("sh", "which", "grep")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        for (String h : helpers) {
            Path p = bin.resolve(h);
            Files.writeString(p, "#!/bin/sh\n"
                    + "if [ \"$1\" = -q ] && [ $# = 1 ]; then echo \"nc: option requires an argument -- 'q'\" >&2; exit 1; fi\n"
                    + "printf '%s' '" + h + "'\nfor a in \"$@\"; do printf ' [%s]' \"$a\"; done\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    /** Runs {@code command} as sshd does: the login shell's {@code -c}, with {@code bin} as the PATH. */
    private static String run(Path bin, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        pb.environment().put("PATH", bin.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.strip();
    }
}
