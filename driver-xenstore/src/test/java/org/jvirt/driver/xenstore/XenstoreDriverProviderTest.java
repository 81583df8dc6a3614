package org.jvirt.driver.xenstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.driver.xenstore.testing.Guest;
import org.jvirt.driver.xenstore.testing.RealXenstored;
import org.jvirt.driver.xenstore.testing.Toolstack;
import org.jvirt.driver.xenstore.wire.XenstoreClient;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/** When the provider takes a URI, and when it lets it pass. */
class XenstoreDriverProviderTest {
    @TempDir
    Path dir;
    final XenstoreDriverProvider provider = new XenstoreDriverProvider();

    private OpenResult open(String path, Map<String, String> query) {
        String text = "xen://" + path;
        return provider.open(new OpenRequest(new ConnectUri(text, "xen", null, null, null, -1, path, query), false,
                (d, e) -> { }));
    }

    @Test
    void isFoundByServiceLoaderForTheXenScheme() {
        assertThat(ServiceLoader.load(DriverProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("xenstore"))).singleElement().satisfies(p -> {
                    assertThat(p.schemes()).containsExactly("xen");
                    assertThat(p.driverClass()).isEqualTo(XenstoreDriver.class);
                });
    }

    @Test
    void noSocketDeclines() {
        Path none = dir.resolve("no-socket");
        assertThat(open("/", Map.of("xenstored_path", none.toString())))
                .isInstanceOfSatisfying(OpenResult.Declined.class, d -> assertThat(d.reason())
                        .contains("no socket").contains(none.toString()));
        assertThatThrownBy(() -> Jvirt.open("xen:///?xenstored_path=" + none))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT));
    }

    @Test
    void aSocketNobodyListensOnDeclines() throws Exception {
        Path stale = dir.resolve("stale");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(stale)); // left behind, as by a xenstored that crashed
        }
        assertThat(open("/", Map.of("xenstored_path", stale.toString())))
                .isInstanceOfSatisfying(OpenResult.Declined.class, d -> assertThat(d.reason())
                        .contains("does not answer").contains(stale.toString()));
    }

    @Test
    void aPathIsNotXenstores() {
        assertThat(open("/system", Map.of())).isInstanceOf(OpenResult.Declined.class);
    }

    @Test
    void aRemoteUriIsNotXenstores() {
        OpenResult r = provider.open(new OpenRequest(new ConnectUri("xen://host/", "xen", null, null, "host", -1, "/",
                Map.of()), false, (d, e) -> { }));
        assertThat(r).isInstanceOf(OpenResult.Declined.class);
    }

    @Test
    void withoutTheParameterTheSocketIsXenstoredPathFromTheEnvironment() throws Exception {
        try (RealXenstored x = RealXenstored.start(dir);
             XenstoreClient store = XenstoreClient.connect(x.socket(), Duration.ofSeconds(5))) {
            Toolstack xl = new Toolstack(store);
            xl.dom0();
            xl.create(Guest.pv(3, "env"));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), EnvironmentSocketChild.class.getName())
                    .redirectErrorStream(true);
            pb.environment().put("XENSTORED_PATH", x.socket().toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains("domains=2");
        }
    }

    @Test
    void aRunningXenstoredIsAccepted() {
        try (RealXenstored x = RealXenstored.start(dir)) {
            OpenResult r = open("/", Map.of("xenstored_path", x.socket().toString()));
            assertThat(r).isInstanceOfSatisfying(OpenResult.Accepted.class, a -> {
                assertThat(a.driver()).isInstanceOf(XenstoreDriver.class);
                assertThat(a.driver().name()).isEqualTo("xenstore");
                a.driver().close();
            });
        }
    }
}
