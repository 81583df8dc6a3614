package org.jvirt.proxy.remote.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.remote.uri.DerivationTable.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** jvirt derives what libvirt 9 derives, for every row of {@link DerivationTable}. */
class RemoteTargetTableTest {
    static final String REC = "/opt/rec";
    static final Path USER_DIR = Path.of("/run/user/1000/libvirt");

    static Stream<Row> rows() {
        return DerivationTable.ROWS.stream();
    }

    /** The client's machine a row describes: who, and which sockets exist. */
    static LocalHost host(Row row) {
        boolean root = row.who() == DerivationTable.Who.ROOT;
        Path dir = root ? Path.of(SocketPaths.SYSTEM_DIR) : USER_DIR;
        Set<Path> existing = row.existing().stream().map(dir::resolve).collect(Collectors.toSet());
        return new LocalHost(root, USER_DIR, existing::contains);
    }

    static String resolve(String s) {
        return s.replace("{rec}", REC).replace("{user}", USER_DIR.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void derivesAsLibvirt(Row row) {
        String uri = resolve(row.uri());
        if (row.expect() instanceof DerivationTable.Refused r) {
            VirtException e = catchThrowableOfType(() -> RemoteTarget.of(uri, row.readOnly(), host(row)),
                    VirtException.class);
            assertThat(e).as(uri).isNotNull();
            assertThat(e.code()).isEqualTo(r.code());
            assertThat(e.getMessage()).isEqualTo(r.message());
            return;
        }
        RemoteTarget t = RemoteTarget.of(uri, row.readOnly(), host(row));
        if (row.expect() instanceof DerivationTable.Unix u) {
            assertThat(t.daemonUri()).isEqualTo(u.name());
            assertThat(t.transport()).isEqualTo(new UnixSpec(Path.of(resolve(u.socket())), u.autostart()));
        } else if (row.expect() instanceof DerivationTable.Tcp tcp) {
            assertThat(t.daemonUri()).isEqualTo(tcp.name());
            assertThat(t.transport()).isEqualTo(new TcpSpec(tcp.host(), tcp.port()));
        } else if (row.expect() instanceof DerivationTable.Ext ext) {
            assertThat(t.daemonUri()).isEqualTo(ext.name());
            assertThat(t.transport()).isEqualTo(new ExtSpec(REC));
        } else if (row.expect() instanceof DerivationTable.Ssh ssh) {
            assertThat(t.daemonUri()).isEqualTo(ssh.name());
            SshSpec spec = (SshSpec) t.transport();
            List<String> argv = spec.ssh().argv();
            assertThat(argv.get(0)).isEqualTo(REC);
            // libvirt's command line, with libvirt's far-side command; jvirt's wraps it (FarSideCommandTest)
            assertThat(argv.subList(1, argv.size() - 1)).isEqualTo(ssh.args().subList(0, ssh.args().size() - 1));
            assertThat(spec.command().libvirt()).isEqualTo(ssh.args().get(ssh.args().size() - 1));
            assertThat(argv.get(argv.size() - 1)).isEqualTo(spec.command().jvirt());
        } else {
            throw new AssertionError(row.expect());
        }
    }
}
