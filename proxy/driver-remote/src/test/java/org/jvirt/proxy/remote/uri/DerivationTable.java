package org.jvirt.proxy.remote.uri;

import java.util.List;
import org.jvirt.api.ErrorCode;

/**
 * What libvirt 9 makes of remote URIs: the daemon's URI, the socket, the ssh command line, or the error — one row
 * per case. {@link RemoteTargetTableTest} holds jvirt to it; {@link LibvirtAgreesTest} checks every row against
 * Debian's virsh itself (its debug log, and the command line it runs for ssh and ext).
 *
 * <p>Placeholders: {@code {rec}} is a program that records its arguments (ssh and ext rows run it instead of
 * ssh), {@code {user}} the user's runtime directory of libvirt ({@code $XDG_RUNTIME_DIR/libvirt}, or
 * {@code ~/.cache/libvirt} without one).
 */
final class DerivationTable {
    private DerivationTable() {
    }

    /** Who runs the client: root, or a user with or without {@code $XDG_RUNTIME_DIR}. */
    enum Who { ROOT, USER, USER_WITHOUT_XDG }

    /** What libvirt derives. */
    sealed interface Expect permits Unix, Tcp, Ssh, Ext, Refused {
    }

    /** A local unix socket. */
    record Unix(String name, String socket, boolean autostart) implements Expect {
        /** A socket whose daemon is not started on demand. */
        Unix(String name, String socket) {
            this(name, socket, false);
        }
    }

    /** A TCP address. */
    record Tcp(String name, String host, int port) implements Expect {
    }

    /** ssh's arguments after the program; the last is libvirt's far-side command. */
    record Ssh(String name, List<String> args) implements Expect {
    }

    /** The ext transport's command, run without arguments. */
    record Ext(String name) implements Expect {
    }

    /** An error: jvirt's code and message, and libvirt's message where its words differ. */
    record Refused(ErrorCode code, String message, String libvirtMessage) implements Expect {
        Refused(ErrorCode code, String message) {
            this(code, message, message);
        }
    }

    /**
     * @param uri the URI, placeholders unresolved
     * @param readOnly whether the client opens read-only
     * @param who who runs the client
     * @param existing the sockets that exist in the socket directory (root: /var/run/libvirt; users: {user})
     * @param expect what libvirt derives
     */
    record Row(String uri, boolean readOnly, Who who, List<String> existing, Expect expect) {
        @Override
        public String toString() {
            return (who == Who.ROOT ? "" : who + " ") + (readOnly ? "-r " : "") + uri
                    + (existing.isEmpty() ? "" : " with " + existing);
        }
    }

    private static Row root(String uri, Expect e) {
        return new Row(uri, false, Who.ROOT, List.of(), e);
    }

    private static Row rootRo(String uri, Expect e) {
        return new Row(uri, true, Who.ROOT, List.of(), e);
    }

    private static Row user(String uri, Expect e) {
        return new Row(uri, false, Who.USER, List.of(), e);
    }

    private static Row with(Row r, String... existing) {
        return new Row(r.uri(), r.readOnly(), r.who(), List.of(existing), r.expect());
    }

    private static Row ro(Row r) {
        return new Row(r.uri(), true, r.who(), r.existing(), r.expect());
    }

    private static Row who(Who who, Row r) {
        return new Row(r.uri(), r.readOnly(), who, r.existing(), r.expect());
    }

    private static final String RUN = "/var/run/libvirt/";
    private static final String NC = "if 'nc' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then ARG=-q0;"
            + "else ARG=;fi;'nc' $ARG -U ";

    private static String auto(String helperArgs, String socket) {
        return "sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     virt-ssh-helper "
                + helperArgs + "; else    " + NC + socket + "; fi'";
    }

    private static List<String> ssh(String host, String last) {
        return List.of("-T", "-e", "none", "--", host, last);
    }

    static final List<Row> ROWS = List.of(
            // unix: the daemon's URI and libvirt's default sockets
            root("test+unix:///default", new Unix("test:///default", RUN + "libvirt-sock")),
            rootRo("test+unix:///default", new Unix("test:///default", RUN + "libvirt-sock-ro")),
            root("qemu+unix:///system", new Unix("qemu:///system", RUN + "libvirt-sock")),
            with(root("qemu+unix:///system", new Unix("qemu:///system", RUN + "virtqemud-sock")), "virtqemud-sock"),
            with(root("qemu+unix:///system", new Unix("qemu:///system", RUN + "virtqemud-sock")),
                    "virtqemud-sock", "libvirt-sock"),
            with(rootRo("qemu+unix:///system", new Unix("qemu:///system", RUN + "virtqemud-sock-ro")),
                    "virtqemud-sock-ro", "libvirt-sock-ro"),
            with(rootRo("qemu+unix:///system", new Unix("qemu:///system", RUN + "libvirt-sock-ro")), "virtqemud-sock"),
            with(root("qemu+unix:///system?mode=legacy", new Unix("qemu:///system", RUN + "libvirt-sock")),
                    "virtqemud-sock"),
            root("qemu+unix:///system?mode=direct", new Unix("qemu:///system", RUN + "virtqemud-sock")),
            root("xen+unix:///", new Unix("xen:///", RUN + "libvirt-sock")),
            with(root("xen+unix:///", new Unix("xen:///", RUN + "virtxend-sock")), "virtxend-sock"),
            root("qemu+unix:///session", new Unix("qemu:///session", RUN + "libvirt-sock")),
            root("remote+unix:///", new Unix("", RUN + "libvirt-sock")),
            // parameters: libvirt's own taken (any case, the last winning), the others passed on re-escaped
            root("test+unix:///default?socket=/tmp/x.sock", new Unix("test:///default", "/tmp/x.sock")),
            root("test+unix:///default?socket=/tmp/a&foo=bar&SOCKET=/tmp/b", new Unix("test:///default?foo=bar", "/tmp/b")),
            root("qemu+unix:///system?foo=a%20b/c&bar&baz=", new Unix("qemu:///system?foo=a%20b%2Fc&bar=&baz=",
                    RUN + "libvirt-sock")),
            root("qemu+unix:///system?name=qemu:///embed%3Froot%3D/x", new Unix("qemu:///embed?root=/x",
                    RUN + "libvirt-sock")),
            root("qemu+unix:///system?name=", new Unix("", RUN + "libvirt-sock")),
            root("qemu+unix:///system?keyfile=/k&no_verify=1&pkipath=/p&authfile=/a&tls_priority=NORMAL&known_hosts=/kh"
                    + "&known_hosts_verify=ignore&sshauth=agent&auth=none&no_sanity=1&no_tty=1&proxy=netcat&netcat=nc"
                    + "&command=/bin/false&mode=auto&x=1", new Unix("qemu:///system?x=1", RUN + "libvirt-sock")),
            root("test+unix:///a%20b/n:o~de.xml", new Unix("test:///a%20b/n%3Ao~de.xml", RUN + "libvirt-sock")),
            root("test+unix:///default?a=1;b=2", new Unix("test:///default?a=1&b=2", RUN + "libvirt-sock")),
            root("test+unix:///default?a=1;b=2&c=3", new Unix("test:///default?a=1%3Bb%3D2&c=3", RUN + "libvirt-sock")),
            root("test+unix:///default?=x&y=%7e-%2B+", new Unix("test:///default?y=~-%2B%2B", RUN + "libvirt-sock")),
            root("test+unix:///default#frag%20x", new Unix("test:///default#frag%20x", RUN + "libvirt-sock")),
            // errors
            root("qemu+unix:///system?no_verify=yes", new Refused(ErrorCode.INVALID_ARG,
                    "invalid argument: Failed to parse value of URI component no_verify")),
            root("qemu+unix:///system?No_Tty=", new Refused(ErrorCode.INVALID_ARG,
                    "invalid argument: Failed to parse value of URI component No_Tty")),
            root("qemu+unix:///system?mode=fast", new Refused(ErrorCode.INVALID_ARG,
                    "invalid argument: Unknown remote mode 'fast'")),
            root("test+unix://host/default", new Refused(ErrorCode.INVALID_ARG,
                    "invalid argument: using unix socket and remote server 'host' is not supported.")),
            root("test+bogus:///default", new Refused(ErrorCode.INVALID_ARG, "invalid argument: remote_open: transport"
                    + " in URL not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)")),
            root("qemu+ext:///system", new Refused(ErrorCode.INVALID_ARG,
                    "invalid argument: remote_open: for 'ext' transport, command is required")),
            root("qemu+ssh://host/system?mode=direct&command={rec}", new Refused(ErrorCode.OPERATION_UNSUPPORTED,
                    "Operation not supported: Cannot use direct socket mode for ssh transport")),
            root("qemu+ssh://host/system?command={rec}&proxy=native&netcat=nc", new Refused(ErrorCode.INVALID_ARG,
                    "invalid argument: netcat path not valid with native proxy mode")),
            root("qemu+ssh://host/system?command={rec}&proxy=bogus", new Refused(ErrorCode.INVALID_ARG,
                    "invalid argument: Unknown proxy type 'bogus'",
                    "invalid argument: Unnkown proxy type 'bogus'")), // sic: libvirt 9's spelling
            // users: the session daemon for /session and test+ URIs
            user("test+unix:///default", new Unix("test:///default", "{user}/libvirt-sock", true)),
            ro(user("test+unix:///default", new Unix("test:///default", "{user}/libvirt-sock", true))),
            user("qemu+unix:///session", new Unix("qemu:///session", "{user}/libvirt-sock", true)),
            with(user("qemu+unix:///session", new Unix("qemu:///session", "{user}/virtqemud-sock", true)), "virtqemud-sock"),
            user("qemu+unix:///system", new Unix("qemu:///system", RUN + "libvirt-sock")),
            who(Who.USER_WITHOUT_XDG, user("qemu+unix:///session", new Unix("qemu:///session", "{user}/libvirt-sock", true))),
            // tcp
            root("test+tcp:///default", new Tcp("test:///default", "localhost", 16509)),
            root("qemu+tcp://127.0.0.1:1/system?foo=bar&keyfile=/x", new Tcp("qemu:///system?foo=bar", "127.0.0.1", 1)),
            // ext: the command alone, no arguments
            root("qemu+ext:///system?command={rec}&foo=1", new Ext("qemu:///system?foo=1")),
            // ssh: libvirt's command line and far-side command
            root("qemu+ssh://bob@host.example:2222/system?command={rec}&keyfile=/k%20f&no_verify=1&no_tty=1&foo=a%20b/c",
                    new Ssh("qemu:///system?foo=a%20b%2Fc", List.of("-p", "2222", "-l", "bob", "-i", "/k f", "-T", "-e",
                            "none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "--", "host.example",
                            auto("'''\\''qemu:///system?foo=a%20b%2Fc'\\''''", RUN + "libvirt-sock")))),
            root("qemu+ssh://host/system?command={rec}&no_verify=0&no_tty=0", new Ssh("qemu:///system",
                    ssh("host", auto("'qemu:///system'", RUN + "libvirt-sock")))),
            rootRo("qemu+ssh://host/system?command={rec}", new Ssh("qemu:///system",
                    ssh("host", auto("-r 'qemu:///system'", RUN + "libvirt-sock-ro")))),
            root("qemu+ssh:///system?command={rec}", new Ssh("qemu:///system",
                    ssh("localhost", auto("'qemu:///system'", RUN + "libvirt-sock")))),
            root("test+ssh://host/default?command={rec}&socket=/tmp/s%20x", new Ssh("test:///default",
                    ssh("host", "sh -c '" + NC + "/tmp/s x'"))),
            root("qemu+ssh://host/system?command={rec}&netcat=/opt/my%20nc", new Ssh("qemu:///system",
                    ssh("host", "sh -c 'if '''\\''/opt/my nc'\\'''' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1;"
                            + " then ARG=-q0;else ARG=;fi;'''\\''/opt/my nc'\\'''' $ARG -U " + RUN + "libvirt-sock'"))),
            root("qemu+ssh://host/system?command={rec}&proxy=native", new Ssh("qemu:///system",
                    ssh("host", "sh -c 'virt-ssh-helper 'qemu:///system''"))),
            root("qemu+ssh://host/system?command={rec}&proxy=netcat", new Ssh("qemu:///system",
                    ssh("host", "sh -c '" + NC + RUN + "libvirt-sock'"))),
            root("qemu+ssh://host/system?command={rec}&name=qemu:///it's", new Ssh("qemu:///it's",
                    ssh("host", auto("'''\\''qemu:///it'\\''\\'\\'''\\''s'\\''''", RUN + "libvirt-sock")))),
            root("qemu+ssh://host/system?command={rec}&name=", new Ssh("",
                    ssh("host", auto("'''\\'''\\''''", RUN + "libvirt-sock")))),
            root("remote+ssh://host/?command={rec}", new Ssh("",
                    ssh("host", auto("'''\\'''\\''''", RUN + "libvirt-sock")))),
            root("qemu+ssh://host?command={rec}", new Ssh("qemu://",
                    ssh("host", auto("'qemu://'", RUN + "libvirt-sock")))),
            root("test+ssh://[::1]:2022/default?command={rec}", new Ssh("test:///default",
                    List.of("-p", "2022", "-T", "-e", "none", "--", "::1",
                            auto("'test:///default'", RUN + "libvirt-sock")))),
            user("qemu+ssh://host/session?command={rec}", new Ssh("qemu:///session",
                    ssh("host", "sh -c 'virt-ssh-helper 'qemu:///session''"))),
            user("test+ssh://host/default?command={rec}", new Ssh("test:///default",
                    ssh("host", "sh -c 'virt-ssh-helper 'test:///default''"))),
            user("qemu+ssh://host/system?command={rec}", new Ssh("qemu:///system",
                    ssh("host", auto("'qemu:///system'", RUN + "libvirt-sock")))));
}
