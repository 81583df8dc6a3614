package org.jvirt.core.discovery;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jvirt.spi.Composition;
import org.jvirt.spi.CompositionProvider;
import org.jvirt.spi.DriverProvider;

/**
 * Loads third-party drivers from a plugin directory: each {@code *.jar} in it, and each
 * sub-directory (all the jars inside it, for a driver with libraries), is one plugin with its own
 * {@link PluginClassLoader}. A plugin that cannot be loaded — corrupt, empty, without a provider,
 * built against another SPI, or whose provider throws — is reported with the jar's path and the
 * reason, and the other plugins load regardless.
 */
final class PluginDirectory {
    private PluginDirectory() {
    }

    /** One plugin's providers and compositions, or the problem that kept it from loading. */
    record Plugin(String origin, List<DriverProvider> providers, List<Composition> compositions, String problem) {
        Plugin(String origin, String problem) {
            this(origin, List.of(), List.of(), problem);
        }
    }

    static List<Plugin> load(Path dir, ClassLoader spiLoader) {
        List<Plugin> plugins = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            plugins.add(new Plugin(dir.toString(), "plugin directory " + dir + " does not exist"));
            return plugins;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar"))
                    .sorted().toList();
        } catch (IOException e) {
            plugins.add(new Plugin(dir.toString(), "cannot list plugin directory " + dir + ": " + e));
            return plugins;
        }
        for (Path entry : entries) {
            plugins.add(loadOne(entry, spiLoader));
        }
        return plugins;
    }

    private static Plugin loadOne(Path entry, ClassLoader spiLoader) {
        String origin = entry.toString();
        List<Path> jars;
        try {
            jars = Files.isDirectory(entry) ? jarsIn(entry) : List.of(entry);
            if (jars.isEmpty()) {
                return new Plugin(origin, "plugin " + origin + " holds no jar");
            }
            for (Path jar : jars) {
                checkReadable(jar);
            }
        } catch (IOException e) {
            return new Plugin(origin, "plugin " + origin + " is not a readable jar: " + e.getMessage());
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                return new Plugin(origin, "plugin " + origin + " has an unusable path: " + e.getMessage());
            }
        }
        PluginClassLoader loader = new PluginClassLoader("jvirt-plugin " + entry.getFileName(), urls, spiLoader);
        List<DriverProvider> providers = new ArrayList<>();
        List<Composition> compositions = new ArrayList<>();
        Iterator<DriverProvider> it = ServiceLoader.load(DriverProvider.class, loader).iterator();
        try {
            while (it.hasNext()) {
                DriverProvider provider = it.next();
                // Touch every SPI method now: a plugin built against another SPI fails here, not mid-call.
                provider.name();
                provider.schemes();
                provider.driverClass();
                providers.add(provider);
            }
            for (CompositionProvider c : ServiceLoader.load(CompositionProvider.class, loader)) {
                compositions.add(c.composition());
            }
        } catch (ServiceConfigurationError | RuntimeException e) {
            return new Plugin(origin, "plugin " + origin + " failed to load its driver provider: "
                    + describe(e));
        } catch (LinkageError e) {
            return new Plugin(origin, "plugin " + origin
                    + " was built against an incompatible jvirt SPI: " + e);
        }
        if (providers.isEmpty() && compositions.isEmpty()) {
            return new Plugin(origin, "plugin " + origin
                    + " declares no driver provider (META-INF/services/org.jvirt.spi.DriverProvider)");
        }
        return new Plugin(origin, providers, compositions, null);
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** Opening the jar up front turns a corrupt or truncated file into a clear message. */
    private static void checkReadable(Path jar) throws IOException {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // opened and its central directory read: it is a jar
        }
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            s.append(": ").append(c);
        }
        return s.toString();
    }
}
