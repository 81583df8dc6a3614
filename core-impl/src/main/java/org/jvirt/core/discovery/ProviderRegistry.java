package org.jvirt.core.discovery;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.jvirt.spi.Composition;
import org.jvirt.spi.CompositionProvider;
import org.jvirt.spi.DriverProvider;

/**
 * The driver providers known to a process: found with {@link ServiceLoader} on the class path,
 * loaded from a plugin directory, or given explicitly. Immutable once built; thread-safe.
 *
 * <p>A provider that cannot be loaded does not stop the others: the problem, naming the jar, is
 * kept in {@link #problems()} and reported when a URI fails to open. A plugin may not claim a
 * scheme that another source already serves (built-in drivers of one family may share a scheme:
 * that is how the core composes them). Compositions ({@link CompositionProvider}) are found the
 * same way, at most one per scheme — on the class path only when first asked for, as only a scheme
 * that several providers serve needs one, and the search costs a short process milliseconds.
 */
public final class ProviderRegistry {
    private static final String CLASS_PATH = "the class path";

    private final List<DriverProvider> providers;
    private final Map<DriverProvider, String> origins;
    private final Map<String, Composition> compositions;
    private final List<String> problems;
    /** Where the class path's compositions come from (null: none to look for); read once, when first asked. */
    private final ClassLoader compositionLoader;
    private volatile Builder withClassPathCompositions;

    private ProviderRegistry(Builder b, ClassLoader compositionLoader) {
        this.providers = List.copyOf(b.kept);
        this.origins = Map.copyOf(b.origins);
        this.compositions = Map.copyOf(b.compositions);
        this.problems = List.copyOf(b.problems);
        this.compositionLoader = compositionLoader;
    }

    /** Every provider visible to {@code loader}'s ServiceLoader. */
    public static ProviderRegistry discover(ClassLoader loader) {
        return discover(loader, null);
    }

    /**
     * Every provider visible to {@code loader}, then those of the plugins in {@code pluginDir}
     * (null for none), each plugin in its own class loader that sees only jvirt's SPI.
     */
    public static ProviderRegistry discover(ClassLoader loader, Path pluginDir) {
        Builder builder = new Builder();
        Iterator<DriverProvider> it = ServiceLoader.load(DriverProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                builder.add(it.next(), CLASS_PATH, false);
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                builder.problems.add("cannot load a driver provider from the class path: " + e.getMessage());
            }
        }

        if (pluginDir != null) {
            for (PluginDirectory.Plugin plugin : PluginDirectory.load(pluginDir, DriverProvider.class.getClassLoader())) {
                if (plugin.problem() != null) {
                    builder.problems.add(plugin.problem());
                }
                for (DriverProvider p : plugin.providers()) {
                    builder.add(p, "plugin " + plugin.origin(), true);
                }
                for (Composition c : plugin.compositions()) {
                    builder.add(c, "plugin " + plugin.origin());
                }
            }
        }
        return builder.build(loader);
    }

    /** Exactly these providers, in this order, and no composition. */
    public static ProviderRegistry of(List<DriverProvider> providers) {
        return of(providers, List.of());
    }

    /** Exactly these providers, in this order, composed as {@code compositions} say. */
    public static ProviderRegistry of(List<DriverProvider> providers, List<Composition> compositions) {
        Builder builder = new Builder();
        for (DriverProvider p : providers) {
            builder.add(p, "the given providers", false);
        }
        for (Composition c : compositions) {
            builder.add(c, "the given compositions");
        }
        return builder.build(null);
    }

    /**
     * How the providers of {@code scheme} serve it together, or null when no composition says. The
     * first call looks for the class path's compositions (a plugin's were read with the plugin).
     */
    public Composition composition(String scheme) {
        return classPathCompositions().compositions.get(scheme);
    }

    /** The builder's state with the class path's compositions added, found once. */
    private Builder classPathCompositions() {
        Builder found = withClassPathCompositions;
        if (found == null) {
            synchronized (this) {
                found = withClassPathCompositions;
                if (found == null) {
                    found = new Builder();
                    found.problems.addAll(problems);
                    if (compositionLoader != null) {
                        Iterator<CompositionProvider> it = ServiceLoader.load(CompositionProvider.class,
                                compositionLoader).iterator();
                        while (true) {
                            try {
                                if (!it.hasNext()) {
                                    break;
                                }
                                found.add(it.next().composition(), CLASS_PATH);
                            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                                found.problems.add("cannot load a composition from the class path: " + e.getMessage());
                            }
                        }
                    }
                    for (Composition c : compositions.values()) {
                        found.add(c, "a plugin or the given compositions");
                    }
                    withClassPathCompositions = found;
                }
            }
        }
        return found;
    }

    /** Providers serving {@code scheme}, in registration order. */
    public List<DriverProvider> forScheme(String scheme) {
        List<DriverProvider> matching = new ArrayList<>(2);
        for (DriverProvider p : providers) {
            if (p.schemes().contains(scheme)) {
                matching.add(p);
            }
        }
        return matching;
    }

    /** Every scheme some provider serves, sorted. */
    public List<String> knownSchemes() {
        TreeSet<String> schemes = new TreeSet<>();
        for (DriverProvider p : providers) {
            schemes.addAll(p.schemes());
        }
        return List.copyOf(schemes);
    }

    /** The providers, in order. */
    public List<DriverProvider> providers() {
        return providers;
    }

    /** Where {@code provider} came from: "the class path" or "plugin PATH". */
    public String originOf(DriverProvider provider) {
        return origins.getOrDefault(provider, "unknown");
    }

    /**
     * What went wrong while loading providers (and compositions, once looked for), each naming its
     * jar; empty when nothing did.
     */
    public List<String> problems() {
        Builder found = withClassPathCompositions;
        return found == null ? problems : List.copyOf(found.problems);
    }

    private static final class Builder {
        final List<DriverProvider> kept = new ArrayList<>();
        final Map<DriverProvider, String> origins = new LinkedHashMap<>();
        final Map<String, DriverProvider> byName = new LinkedHashMap<>();
        final Map<String, Composition> compositions = new LinkedHashMap<>();
        final Map<String, String> compositionOrigins = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();

        void add(Composition composition, String origin) {
            String scheme = composition.scheme();
            if (compositions.containsKey(scheme)) {
                problems.add("two compositions serve scheme '" + scheme + "': from " + compositionOrigins.get(scheme)
                        + " and from " + origin + "; the second is ignored");
                return;
            }
            compositions.put(scheme, composition);
            compositionOrigins.put(scheme, origin);
        }

        void add(DriverProvider provider, String origin, boolean plugin) {
            String name;
            try {
                name = provider.name();
                if (provider.schemes().isEmpty()) {
                    problems.add("driver provider '" + name + "' from " + origin + " serves no URI scheme");
                    return;
                }
            } catch (RuntimeException | LinkageError e) {
                problems.add("driver provider " + provider.getClass().getName() + " from " + origin
                        + " failed to describe itself: " + e);
                return;
            }
            DriverProvider earlier = byName.get(name);
            if (earlier != null) {
                problems.add("two driver providers are named '" + name + "': " + earlier.getClass().getName()
                        + " from " + origins.get(earlier) + " and " + provider.getClass().getName() + " from " + origin
                        + "; the second is ignored");
                return;
            }
            if (plugin) {
                for (DriverProvider other : kept) {
                    for (String scheme : provider.schemes()) {
                        if (other.schemes().contains(scheme)) {
                            problems.add("driver '" + name + "' from " + origin + " claims scheme '" + scheme
                                    + "', already served by driver '" + other.name() + "' from " + origins.get(other)
                                    + "; the plugin's driver is ignored");
                            return;
                        }
                    }
                }
            }
            byName.put(name, provider);
            origins.put(provider, origin);
            kept.add(provider);
        }

        ProviderRegistry build(ClassLoader compositionLoader) {
            return new ProviderRegistry(this, compositionLoader);
        }
    }
}
