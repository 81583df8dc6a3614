package org.jvirt.proxy.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;

/** jvirtd's configuration file: libvirtd.conf's syntax, its settings, and clear errors for everything else. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private final DaemonConfig base = DaemonConfig.defaults(Path.of("/run/libvirt"));

    @Test
    void readsLibvirtdSettingsAndSkipsTheOnesItDoesNotUse() throws IOException {
        Path f = write("""
                # as libvirtd.conf writes them
                unix_sock_dir = "/tmp/jv"   # where the sockets go
                unix_sock_rw_perms = "0660"
                unix_sock_ro_perms = "0777"
                listen_tcp = 1
                listen_addr = "127.0.0.1"
                tcp_port = 16510
                max_clients = 10
                max_workers = 4
                max_client_requests = 3
                keepalive_interval = -1
                keepalive_count = 2
                shutdown_timeout = 7
                auth_unix_ro = "none"
                access_drivers = [ "polkit" ]
                """);
        DaemonConfig c = ConfigFile.read(f, base);
        assertThat(c.socketDir()).isEqualTo(Path.of("/tmp/jv"));
        assertThat(PosixFilePermissions.toString(c.readWritePerms())).isEqualTo("rw-rw----");
        assertThat(PosixFilePermissions.toString(c.readOnlyPerms())).isEqualTo("rwxrwxrwx");
        assertThat(c.listenTcp()).isTrue();
        assertThat(c.tcpPort()).isEqualTo(16510);
        assertThat(c.maxClients()).isEqualTo(10);
        assertThat(c.maxWorkers()).isEqualTo(4);
        assertThat(c.maxClientRequests()).isEqualTo(3);
        assertThat(c.keepaliveInterval()).isEqualTo(-1);
        assertThat(c.keepaliveCount()).isEqualTo(2);
        assertThat(c.shutdownTimeoutSeconds()).isEqualTo(7);
    }

    @Test
    void anEmptyFileChangesNothing() throws IOException {
        assertThat(ConfigFile.read(write("\n# nothing\n"), base)).isEqualTo(base);
    }

    @Test
    void malformedLinesAreErrorsNamingFileAndLine() throws IOException {
        assertError("max_clients = 5\nthis is not a setting\n", ":2: expected 'name = value'");
        assertError("unix_sock_dir = \"/tmp\n", ":1: a string is not closed");
        assertError("max_clients = \"ten\"\n", ":1: max_clients takes a number");
        assertError("unix_sock_dir = 5\n", ":1: unix_sock_dir takes a double-quoted string");
        assertError("max_clients = 12x\n", ":1: expected a number or a double-quoted string, found '12x'");
        assertError("unix_sock_rw_perms = \"0999\"\n", ":1: unix_sock_rw_perms '0999' is not an octal mode");
        assertError("max_clients = 99999999999\n", ":1: max_clients 99999999999 is out of range");
        assertError("max_workers = 0\n", "max_workers must be positive, not 0");
        assertError("tcp_port = 70000\n", "tcp_port 70000 is not a port number");
        assertError("1abc = 2\n", ":1: '1abc' is not a setting name");
        assertError("= 2\n", ":1: expected 'name = value'");
    }

    @Test
    void truncatedAndOversizedFilesAreRefused() throws IOException {
        assertError("unix_sock_dir = \"/tm", ":1: a string is not closed");
        assertError("max_clients =", ":1: expected a number or a double-quoted string, found ''");
        Path big = dir.resolve("big.conf");
        Files.write(big, new byte[(int) ConfigFile.MAX_BYTES + 1]);
        assertThatThrownBy(() -> ConfigFile.read(big, base)).isInstanceOf(VirtException.class)
                .hasMessageContaining("larger than " + ConfigFile.MAX_BYTES + " bytes");
        assertThatThrownBy(() -> ConfigFile.read(dir.resolve("absent.conf"), base)).isInstanceOf(VirtException.class)
                .satisfies(e -> assertThat(((VirtException) e).code()).isEqualTo(ErrorCode.SYSTEM_ERROR))
                .hasMessageContaining("cannot read configuration file");
    }

    private void assertError(String text, String expected) throws IOException {
        Path f = write(text);
        assertThatThrownBy(() -> ConfigFile.read(f, base)).isInstanceOf(VirtException.class)
                .satisfies(e -> assertThat(((VirtException) e).code()).isEqualTo(ErrorCode.CONF_SYNTAX))
                .hasMessageContaining(expected)
                .hasMessageContaining(f.toString());
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "jvirtd", ".conf"), text);
    }
}
