package org.jvirt.proxy.remote.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.core.uri.UriParser;
import org.jvirt.proxy.remote.rpc.RpcChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What jvirt adds to libvirt's reading of remote URIs: the transports it lacks, and the channel's parameters. */
class RemoteTargetTest {
    private static final LocalHost ROOT = new LocalHost(true, Path.of("/run/user/0/libvirt"), p -> false);

    private static RemoteTarget target(String uri) {
        return RemoteTarget.of(uri, false, ROOT);
    }

    private static VirtException refusal(String uri) {
        VirtException e = catchThrowableOfType(() -> target(uri), VirtException.class);
        assertThat(e).as(uri).isNotNull();
        return e;
    }

    @ParameterizedTest
    @CsvSource({
            "qemu://host.example/system, TLS transport (a URI with a host and no transport asks for TLS), qemu+ssh://host.example/system",
            "qemu+tls://host.example/system, 'tls' transport, qemu+ssh://host.example/system",
            "test+libssh2://h/default, 'libssh2' transport, test+ssh://h/default",
            "xen+LIBSSH:///, 'libssh' transport, xen+ssh://HOST/"})
    void transportsJvirtLacksAreRefusedNamingThoseItHas(String uri, String what, String example) {
        VirtException e = refusal(uri);
        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_UNSUPPORTED);
        assertThat(e.getMessage()).isEqualTo("Operation not supported: jvirt's remote driver has no " + what
                + "; it has the unix, ssh, ext and tcp transports, e.g. " + example);
    }

    @Test
    void theChannelsParametersAreTakenAndNeverReachTheDaemon() {
        RemoteTarget t = target("test+unix:///default?call_timeout=30&x=1&KEEPALIVE_INTERVAL=10&keepalive_count=3");
        assertThat(t.settings()).isEqualTo(new RpcChannel.Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), 3));
        assertThat(t.daemonUri()).isEqualTo("test:///default?x=1");
        assertThat(target("test+unix:///default").settings()).isEqualTo(RpcChannel.Settings.DEFAULTS);
        // libvirt.conf's -1 (and 0) turn keepalive off
        assertThat(target("test+unix:///default?keepalive_interval=-1").settings().keepaliveInterval()).isZero();
        assertThat(target("test+unix:///default?keepalive_interval=0").settings().keepaliveInterval()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "call_timeout=soon, call_timeout",
            "call_timeout=0, call_timeout: 0 is below 1",
            "keepalive_count=0, keepalive_count: 0 is below 1",
            "keepalive_interval=-2, keepalive_interval: -2 is below -1",
            "Keepalive_Count=, Keepalive_Count"})
    void malformedChannelParametersAreNamed(String param, String named) {
        VirtException e = refusal("test+unix:///default?" + param);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
        assertThat(e.getMessage()).isEqualTo("invalid argument: Failed to parse value of URI component " + named);
    }

    @Test
    void theCoresParsedUriIsReadFromItsText() {
        // the core keeps one value per name, unordered; libvirt's order and repeats come from the text
        RemoteTarget t = RemoteTarget.of(UriParser.parse("test+unix:///default?b=2&a=1&b=3&socket=/tmp/s"), true);
        assertThat(t.daemonUri()).isEqualTo("test:///default?b=2&a=1&b=3");
        assertThat(t.transport()).isEqualTo(new UnixSpec(Path.of("/tmp/s")));
    }

    @Test
    void sshAndExtDescribeWhatTheyReach() {
        assertThat(target("qemu+ssh://root@h:2222/system").transport().describe()).isEqualTo("ssh root@h:2222");
        assertThat(target("qemu+ssh:///system").transport().describe()).isEqualTo("ssh localhost");
        assertThat(target("qemu+ext:///system?command=/usr/bin/x").transport().describe()).isEqualTo("command /usr/bin/x");
        assertThat(((SshSpec) target("qemu+ssh://h/system").transport()).ssh().argv().get(0)).isEqualTo("ssh");
    }
}
