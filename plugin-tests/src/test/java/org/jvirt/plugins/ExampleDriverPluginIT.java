package org.jvirt.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;
import org.jvirt.cli.Main;
import org.jvirt.core.Jvirt;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.spi.DriverProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example driver, built by its own Maven project against jvirt's published artifacts, loaded
 * from a plugin directory: through the API, and through jvirsh's {@code --plugin-dir}.
 */
class ExampleDriverPluginIT {
    private static final String DOMAIN = "<domain type='test'><name>guest</name><memory>65536</memory>"
            + "<vcpu>1</vcpu><os><type>hvm</type></os></domain>";

    @TempDir
    static Path plugins;

    @BeforeAll
    static void installThePlugin() throws IOException {
        Path built = Path.of(System.getProperty("jvirt.exampleJarDir", "target/examples/driver-example/target"));
        Path jar;
        try (Stream<Path> files = Files.list(built)) {
            jar = files.filter(p -> p.getFileName().toString().matches("jvirt-driver-example-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("the example driver was not built in " + built));
        }
        Files.copy(jar, plugins.resolve(jar.getFileName()));
    }

    @Test
    void theExampleDriverLoadsFromThePluginDirectoryInItsOwnClassLoader() {
        ProviderRegistry registry = Jvirt.discover(plugins);
        assertThat(registry.problems()).isEmpty();
        DriverProvider example = registry.forScheme("example").get(0);
        assertThat(example.getClass().getClassLoader()).isNotSameAs(Jvirt.class.getClassLoader());
        assertThat(registry.originOf(example)).startsWith("plugin ").endsWith(".jar");
        // The built-in drivers are still there.
        assertThat(registry.knownSchemes()).contains("example", "test");
    }

    @Test
    void theExampleDriverServesItsDeclaredOperationsAndNothingElse() {
        try (Connection c = Jvirt.builder().pluginDir(plugins).uri("example:///").open()) {
            assertThat(c.type()).isEqualTo("EXAMPLE");
            Domain guest = c.defineDomain(DOMAIN);
            guest.start();
            assertThat(guest.info().state()).isEqualTo(DomainState.RUNNING);
            assertThat(c.activeDomainIds()).containsExactly(guest.id());
            assertThat(c.supports(Operation.DOMAIN_SUSPEND)).isFalse();
            try {
                guest.suspend();
                throw new AssertionError("suspend is not declared by the example driver");
            } catch (VirtException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT);
            }
            guest.destroy();
            guest.undefine();
            assertThat(c.listAllDomains()).isEmpty();
        }
    }

    @Test
    void jvirshLoadsItWithPluginDir() throws IOException {
        Path xml = Files.writeString(plugins.getParent().resolve("guest-" + ProcessHandle.current().pid() + ".xml"), DOMAIN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--plugin-dir", plugins.toString(), "-c", "example:///",
                "define " + xml + "; start guest; list --all; suspend guest"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains("Domain 'guest' defined from " + xml, "Domain 'guest' started", " 1    guest   running");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: Failed to suspend domain 'guest'",
                "this function is not supported by the connection driver: virDomainSuspend");
        assertThat(code).isEqualTo(1);
        Files.delete(xml);
    }
}
