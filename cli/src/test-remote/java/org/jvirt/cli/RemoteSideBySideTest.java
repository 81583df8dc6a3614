package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jvirt.cli.VirshSideBySideTest.Case;
import org.jvirt.cli.VirshSideBySideTest.Run;
import org.jvirt.proxy.protocol.Libvirtd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jvirsh through jvirt's remote driver against virsh through libvirt's own client, both talking to the same
 * Debian libvirtd serving libvirt's test driver over its unix socket: every case of {@link VirshSideBySideTest}
 * (and its known driver differences, which vanish here: both tools reach libvirt's driver) with
 * {@code -c test+unix:///default?socket=...}, stdout, stderr and exit code compared as there. Its known
 * differences of jvirt's API remain, and are checked to. Each tool's
 * connection ends with its run, and libvirtd forgets {@code test:///default}'s state when its last client
 * goes, so every case starts from the pristine node on both sides.
 */
class RemoteSideBySideTest {
    private static Path dir;
    private static Libvirtd libvirtd;
    private static String uri;

    @BeforeAll
    static void startLibvirtd() throws Exception {
        VirshSideBySideTest.needsVirsh();
        dir = Files.createTempDirectory("remote-side-by-side");
        libvirtd = Libvirtd.start(dir);
        uri = "test+unix:///default?socket=" + libvirtd.socket();
    }

    @AfterAll
    static void stopLibvirtd() throws Exception {
        if (libvirtd != null) {
            libvirtd.close();
        }
    }

    static Stream<Case> remoteCases() {
        return Stream.concat(VirshSideBySideTest.cases(), VirshSideBySideTest.knownDriverDifferences());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("remoteCases")
    void sameAsVirshThroughLibvirtd(Case local) throws Exception {
        Case c = local.against(uri);
        Run virsh = VirshSideBySideTest.runVirsh(c);
        Run jvirsh = VirshSideBySideTest.runJvirsh(c);
        assertThat(VirshSideBySideTest.normalize(jvirsh.out())).as("stdout of %s", c)
                .isEqualTo(VirshSideBySideTest.normalize(virsh.out()));
        assertThat(VirshSideBySideTest.normalize(jvirsh.err())).as("stderr of %s", c)
                .isEqualTo(VirshSideBySideTest.normalize(virsh.err()));
        assertThat(jvirsh.exitCode()).as("exit code of %s", c).isEqualTo(virsh.exitCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jvirt.cli.VirshSideBySideTest#knownApiDifferences")
    void knownApiDifferencesRemainThroughLibvirtd(Case local) throws Exception {
        Case c = local.against(uri);
        Run virsh = VirshSideBySideTest.runVirsh(c);
        Run jvirsh = VirshSideBySideTest.runJvirsh(c);
        boolean same = VirshSideBySideTest.normalize(jvirsh.out()).equals(VirshSideBySideTest.normalize(virsh.out()))
                && VirshSideBySideTest.normalize(jvirsh.err()).equals(VirshSideBySideTest.normalize(virsh.err()))
                && jvirsh.exitCode() == virsh.exitCode();
        assertThat(same).as("%s now behaves as virsh through libvirtd: move it out of knownApiDifferences()", c)
                .isFalse();
    }
}
