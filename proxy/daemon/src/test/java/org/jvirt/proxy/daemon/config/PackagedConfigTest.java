package org.jvirt.proxy.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/jvirtd.conf says what jvirtd does: as shipped (every setting commented out) it changes
 * nothing, and with every setting uncommented it is still valid and still the defaults — the values it
 * shows are the real defaults, and every setting it documents is one jvirtd reads.
 */
class PackagedConfigTest {
    /** Surefire runs in the module's directory, proxy/daemon. */
    static final Path SHIPPED = Path.of("../../packaging/jvirtd.conf");

    @Test
    void theShippedFileShowsTheDefaults(@TempDir Path dir) throws IOException {
        Path shipped = SHIPPED;
        DaemonConfig defaults = DaemonConfig.defaults(Path.of("/run/libvirt"));
        assertThat(ConfigFile.read(shipped, defaults)).isEqualTo(defaults);

        List<String> settings = Files.readAllLines(shipped).stream().filter(l -> l.matches("#[a-z_]+ = .*"))
                .map(l -> l.substring(1)).collect(Collectors.toList());
        assertThat(settings).hasSize(12);
        Path uncommented = Files.write(dir.resolve("all.conf"), settings);
        DaemonConfig elsewhere = DaemonConfig.defaults(Path.of("/elsewhere"));
        assertThat(ConfigFile.read(uncommented, elsewhere)).isEqualTo(defaults);
        assertThat(ConfigFile.parse(uncommented, String.join("\n", settings)).keySet())
                .containsExactlyInAnyOrder("unix_sock_dir", "unix_sock_rw_perms", "unix_sock_ro_perms", "listen_tcp", "listen_addr",
                        "tcp_port", "max_clients", "max_workers", "max_client_requests", "keepalive_interval", "keepalive_count",
                        "shutdown_timeout");
    }
}
