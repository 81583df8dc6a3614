package org.jvirt.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.plugintest.ClashingProvider;
import org.jvirt.plugintest.FixtureDriver;
import org.jvirt.plugintest.FixtureLibrary;
import org.jvirt.plugintest.FixtureProvider;
import org.jvirt.plugintest.ThrowingProvider;
import org.jvirt.spi.DriverProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Third-party drivers from a plugin directory: isolated, and a broken plugin never stops the others. */
class PluginDirectoryTest {
    private static final String SERVICES = "META-INF/services/" + DriverProvider.class.getName();

    @TempDir
    Path plugins;

    /** Packs the compiled classes into a jar, with a provider entry unless {@code provider} is null. */
    private static Path jar(Path file, String provider, Class<?>... classes) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
            }
            if (provider != null) {
                out.putNextEntry(new JarEntry(SERVICES));
                out.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    private Path goodPlugin() throws IOException {
        return jar(plugins.resolve("fixture.jar"), FixtureProvider.class.getName(),
                FixtureProvider.class, FixtureDriver.class, FixtureLibrary.class);
    }

    @Test
    void aPluginLoadsInItsOwnClassLoaderAndServesItsScheme() throws IOException {
        goodPlugin();
        ProviderRegistry registry = Jvirt.discover(plugins);
        assertThat(registry.problems()).isEmpty();
        DriverProvider provider = registry.forScheme("fixture").get(0);
        assertThat(provider.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
        assertThat(provider.getClass()).isNotSameAs(FixtureProvider.class);
        assertThat(registry.originOf(provider)).isEqualTo("plugin " + plugins.resolve("fixture.jar"));
        // The provider declines when it can see jvirt's core: accepting proves the isolation.
        try (Connection c = Jvirt.builder().pluginDir(plugins).uri("fixture:///").open()) {
            assertThat(c.type()).isEqualTo("FIXTURE");
            assertThat(c.version()).isEqualTo(42);
        }
    }

    @Test
    void aFolderIsOnePluginWithItsLibraries() throws IOException {
        Path folder = Files.createDirectory(plugins.resolve("fixture-with-libs"));
        jar(folder.resolve("driver.jar"), FixtureProvider.class.getName(), FixtureProvider.class, FixtureDriver.class);
        jar(folder.resolve("library.jar"), null, FixtureLibrary.class);
        try (Connection c = Jvirt.builder().pluginDir(plugins).uri("fixture:///").open()) {
            assertThat(c.type()).isEqualTo("FIXTURE");
        }
    }

    @Test
    void brokenPluginsAreNamedAndTheOthersStillLoad() throws IOException {
        goodPlugin();
        Files.write(plugins.resolve("corrupt.jar"), new byte[] {'P', 'K', 3, 4, 'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
        Files.createFile(plugins.resolve("zero.jar"));
        jar(plugins.resolve("empty.jar"), null, FixtureLibrary.class);
        jar(plugins.resolve("throwing.jar"), ThrowingProvider.class.getName(),
                ThrowingProvider.class, FixtureProvider.class, FixtureDriver.class);
        jar(plugins.resolve("z-clash.jar"), ClashingProvider.class.getName(),
                ClashingProvider.class, FixtureProvider.class, FixtureDriver.class);
        Files.createDirectory(plugins.resolve("no-jars"));

        ProviderRegistry registry = Jvirt.discover(plugins);

        assertThat(registry.forScheme("fixture")).singleElement()
                .satisfies(p -> assertThat(p.name()).isEqualTo("fixture"));
        List<String> problems = registry.problems();
        assertThat(problems).hasSize(6);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("corrupt.jar").contains("is not a readable jar"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("zero.jar").contains("is not a readable jar"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("empty.jar").contains("declares no driver provider"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("throwing.jar")
                .contains("failed to load its driver provider").contains("refuses to start"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("z-clash.jar")
                .contains("claims scheme 'fixture', already served by driver 'fixture'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("no-jars").contains("holds no jar"));
        try (Connection c = Jvirt.builder().providers(registry).uri("fixture:///").open()) {
            assertThat(c.type()).isEqualTo("FIXTURE");
        }
    }

    @Test
    void problemsAreReportedWhenAUriFindsNoDriver() throws IOException {
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Jvirt.builder().pluginDir(plugins).uri("fixture:///").open())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
                    assertThat(e.getMessage()).contains("broken.jar");
                });
    }

    @Test
    void aMissingPluginDirectoryIsAProblemNotACrash() {
        ProviderRegistry registry = Jvirt.discover(plugins.resolve("nope"));
        assertThat(registry.problems()).singleElement().asString().contains("does not exist");
    }

    @Test
    void aPluginCannotReplaceAnSpiClass() throws IOException {
        goodPlugin();
        DriverProvider provider = Jvirt.discover(plugins).forScheme("fixture").get(0);
        assertThat(DriverProvider.class.isInstance(provider)).isTrue();
        assertThat(provider.driverClass().getInterfaces()).contains(org.jvirt.spi.Driver.class);
    }

    /** A plugin that bundles a copy of the SPI sees jvirt's, classes and resources alike. */
    @Test
    void aPluginsOwnCopyOfTheSpiIsNeverSeen() throws IOException {
        Path jar = jar(plugins.resolve("fixture.jar"), FixtureProvider.class.getName(),
                FixtureProvider.class, FixtureDriver.class, FixtureLibrary.class, org.jvirt.spi.Driver.class);
        ClassLoader loader = Jvirt.discover(plugins).forScheme("fixture").get(0).getClass().getClassLoader();
        assertThat(loader).isNotSameAs(getClass().getClassLoader());
        String spiClass = org.jvirt.spi.Driver.class.getName().replace('.', '/') + ".class";
        assertThat(loader.getResource(spiClass)).isEqualTo(org.jvirt.spi.Driver.class.getClassLoader()
                .getResource(spiClass)).isNotNull();
        assertThat(loader.getResource(spiClass).toString()).doesNotContain(jar.getFileName().toString());
        assertThat(loader.getResource(FixtureDriver.class.getName().replace('.', '/') + ".class").toString())
                .contains(jar.getFileName().toString());
    }

    /**
     * A plugin really compiled against an older SPI — whose DriverProvider had no driverClass() —
     * fails with AbstractMethodError when loaded into today's jvirt: reported, not thrown.
     */
    @Test
    void aPluginBuiltAgainstAnOlderSpiIsReported(@TempDir Path work) throws IOException {
        Path oldSpi = Files.createDirectories(work.resolve("old-spi/org/jvirt/spi"));
        Files.writeString(oldSpi.resolve("DriverProvider.java"), """
                package org.jvirt.spi;
                public interface DriverProvider {
                    String name();
                    java.util.Set<String> schemes();
                    OpenResult open(OpenRequest request);
                }
                """);
        Path src = Files.createDirectories(work.resolve("plugin/com/acme"));
        Files.writeString(src.resolve("OldProvider.java"), """
                package com.acme;
                public class OldProvider implements org.jvirt.spi.DriverProvider {
                    public String name() { return "acme-old"; }
                    public java.util.Set<String> schemes() { return java.util.Set.of("acme"); }
                    public org.jvirt.spi.OpenResult open(org.jvirt.spi.OpenRequest request) {
                        return org.jvirt.spi.OpenResult.declined("old");
                    }
                }
                """);
        Path classes = Files.createDirectories(work.resolve("classes"));
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("java.class.path");
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", classPath,
                oldSpi.resolve("DriverProvider.java").toString(), src.resolve("OldProvider.java").toString());
        assertThat(status).isZero();
        Path jar = plugins.resolve("acme-old.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("com/acme/OldProvider.class"));
            out.write(Files.readAllBytes(classes.resolve("com/acme/OldProvider.class")));
            out.putNextEntry(new JarEntry(SERVICES));
            out.write("com.acme.OldProvider\n".getBytes(StandardCharsets.UTF_8));
        }
        goodPlugin();
        ProviderRegistry registry = Jvirt.discover(plugins);
        assertThat(registry.problems()).singleElement().asString()
                .contains("acme-old.jar").contains("built against an incompatible jvirt SPI").contains("AbstractMethodError");
        assertThat(registry.knownSchemes()).containsExactly("fixture");
    }
}
