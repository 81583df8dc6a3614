package org.jvirt.driver.xm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver on a real directory of xm files, changed by jvirt and by someone else. */
class XmDriverFilesTest {
    @TempDir
    Path dir;

    static final String USER_FILE = """
            # The web server: do not give it less than 256 MiB.
            name = "web"
            uuid = "a1b2c3d4-0000-4000-8000-00000000beef"
            memory = 512
            vcpus = 2
            kernel = "/boot/vmlinuz-xen"   # the distribution's
            disk = [ 'phy:/dev/vg/web,xvda,w' ]
            vif = [ 'mac=00:16:3e:00:00:0a,bridge=xenbr0' ]
            on_crash = "preserve"
            cpu_weight = 512                # not libvirt's: kept
            """;

    private Connection open() {
        return Jvirt.builder().uri("xen:///?xm_config_dir=" + dir).open();
    }

    @Test
    void defineWritesNameCfgAndUndefineRemovesItAndItsAutostartLink() throws IOException {
        try (Connection conn = open()) {
            Domain d = conn.defineDomain(XmDriverConformanceTest.DOMAIN.replace("{name}", "guest")
                    .replace("{uuid}", "0b7e3c2a-5d1f-4e8a-9c6b-2f4d8a1e7c30"));
            Path file = dir.resolve("guest.cfg");
            assertThat(Files.readString(file)).contains("name = \"guest\"").contains("kernel = \"/boot/vmlinuz-xen\"")
                    .contains("file:/var/lib/xen/images/guest.img,xvda,w");
            d.setAutostart(true);
            assertThat(Files.readSymbolicLink(dir.resolve("auto/guest.cfg"))).isEqualTo(Path.of("../guest.cfg"));
            assertThat(d.autostart()).isTrue();
            d.undefine();
            assertThat(file).doesNotExist();
            assertThat(Files.exists(dir.resolve("auto/guest.cfg"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(conn.definedDomainNames()).isEmpty();
        }
    }

    @Test
    void aUsersFileKeepsItsCommentsOrderAndUnknownSettingsWhenChanged() throws IOException {
        Files.writeString(dir.resolve("web"), USER_FILE);
        try (Connection conn = open()) {
            Domain web = conn.domainByName("web");
            assertThat(web.info().maxMemoryKiB()).isEqualTo(512 * 1024);
            web.setMemory(384 * 1024, ModificationImpact.CONFIG);
            String after = Files.readString(dir.resolve("web"));
            assertThat(after).contains("# The web server: do not give it less than 256 MiB.")
                    .contains("kernel = \"/boot/vmlinuz-xen\"   # the distribution's")
                    .contains("cpu_weight = 512                # not libvirt's: kept");
            assertThat(after.indexOf("name = ")).isLessThan(after.indexOf("uuid = "));
            assertThat(web.info().memoryKiB()).isEqualTo(384 * 1024);
            assertThat(web.info().maxMemoryKiB()).isEqualTo(512 * 1024);
            assertThatThrownBy(() -> web.setMemory(1024 * 1024, ModificationImpact.CONFIG))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
            assertThatThrownBy(() -> web.setVcpus(1, ModificationImpact.LIVE))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.OPERATION_INVALID));
            assertThat(Files.readString(dir.resolve("web"))).isEqualTo(after);
        }
    }

    @Test
    void filesChangedByOthersAreNoticedAndBadOnesSkippedNotRewritten() throws IOException {
        try (Connection conn = open()) {
            assertThat(conn.definedDomainNames()).isEmpty();
            Files.writeString(dir.resolve("web"), USER_FILE);
            assertThat(conn.definedDomainNames()).containsExactly("web");
            Files.writeString(dir.resolve("web"), USER_FILE.replace("memory = 512", "memory = 1024"));
            assertThat(conn.domainByName("web").info().maxMemoryKiB()).isEqualTo(1024 * 1024);
            String broken = "name = 'broken'\nmemory = [ 'unterminated\n";
            Files.writeString(dir.resolve("broken"), broken);
            Files.writeString(dir.resolve("xend-config.sxp"), "(xend-http-server yes)\n");
            Files.writeString(dir.resolve("web~"), USER_FILE.replace("\"web\"", "\"backup\""));
            assertThat(conn.definedDomainNames()).containsExactly("web");
            assertThat(Files.readString(dir.resolve("broken"))).isEqualTo(broken);
            Files.delete(dir.resolve("web"));
            assertThat(conn.definedDomainNames()).isEmpty();
        }
    }

    @Test
    void aNameCfgOfAnotherDomainOrAClashingUuidIsRefusedAndNothingWritten() throws IOException {
        Files.writeString(dir.resolve("web"), USER_FILE);
        Files.writeString(dir.resolve("other.cfg"), "# not a domain of this name\nname = \"elsewhere\"\nmemory = 64\n"
                + "kernel = '/boot/k'\nuuid = 'd3b07384-d9a0-4c9b-8c55-7e4b1f0f9d11'\n");
        try (Connection conn = open()) {
            String xml = XmDriverConformanceTest.DOMAIN.replace("{name}", "web")
                    .replace("{uuid}", "0b7e3c2a-5d1f-4e8a-9c6b-2f4d8a1e7c30");
            assertThatThrownBy(() -> conn.defineDomain(xml)).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED);
                assertThat(e.getMessage()).contains("'web' already exists with uuid a1b2c3d4");
            });
            assertThatThrownBy(() -> conn.defineDomain(xml.replace("<name>web</name>", "<name>other</name>")))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage())
                            .contains("other.cfg exists and is not its definition"));
            assertThat(Files.readString(dir.resolve("web"))).isEqualTo(USER_FILE);
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("web", "other.cfg");
            }
        }
    }

    @Test
    void aDirectoryThatCannotBeWrittenFailsDefineCleanly() throws Exception {
        Files.writeString(dir.resolve("web"), USER_FILE);
        boolean root = "root".equals(System.getProperty("user.name"));
        Process p = root ? new ProcessBuilder("chattr", "+i", dir.toString()).inheritIO().start() : null;
        if (root && p.waitFor() != 0) {
            Assumptions.abort("running as root, and chattr +i (the one way to forbid root a directory) failed here");
        }
        if (!root) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        }
        try (Connection conn = open()) {
            String xml = XmDriverConformanceTest.DOMAIN.replace("{name}", "guest")
                    .replace("{uuid}", "0b7e3c2a-5d1f-4e8a-9c6b-2f4d8a1e7c30");
            assertThatThrownBy(() -> conn.defineDomain(xml)).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
                assertThat(e.getMessage()).contains("cannot write the definition of domain 'guest'").contains(dir.toString());
            });
            assertThatThrownBy(() -> conn.domainByName("web").setMemory(256 * 1024, ModificationImpact.CONFIG))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR));
        } finally {
            if (root) {
                new ProcessBuilder("chattr", "-i", dir.toString()).inheritIO().start().waitFor();
            } else {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(f -> f.getFileName().toString())).containsExactly("web");
        }
        assertThat(Files.readString(dir.resolve("web"))).isEqualTo(USER_FILE);
    }

    @Test
    void nativeConfigurationsBothWays() {
        try (Connection conn = open()) {
            String xml = conn.domainXmlFromNative("xen-xm", USER_FILE);
            assertThat(xml).contains("<name>web</name>").contains("<source dev='/dev/vg/web'/>");
            String cfg = conn.domainXmlToNative("xen-xm", xml);
            assertThat(cfg).contains("name = \"web\"").contains("phy:/dev/vg/web,xvda,w");
            assertThatThrownBy(() -> conn.domainXmlFromNative("xen-xm", "memory = [ 'x'\n"))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX);
                        assertThat(e.getMessage()).contains("1:");
                    });
        }
    }
}
