package org.jvirt.core.discovery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.jvirt.spi.DriverProvider;

/**
 * The driver providers known to a process: found with {@link ServiceLoader}, or given explicitly.
 * Immutable once built; safe to share between threads.
 *
 * <p>A provider that cannot be loaded does not stop the others: the problem is kept in
 * {@link #problems()} (and reported when a URI that might have been its fails to open).
 */
public final class ProviderRegistry {
    private final List<DriverProvider> providers;
    private final List<String> problems;

    private ProviderRegistry(List<DriverProvider> providers, List<String> problems) {
        this.providers = List.copyOf(providers);
        this.problems = List.copyOf(problems);
    }

    /** Every provider visible to {@code loader}'s ServiceLoader. */
    public static ProviderRegistry discover(ClassLoader loader) {
        List<DriverProvider> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<DriverProvider> it = ServiceLoader.load(DriverProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                problems.add("cannot load a driver provider: " + e.getMessage());
            }
        }
        return of(found, problems);
    }

    /** Exactly these providers, in this order (the first claiming a scheme keeps it). */
    public static ProviderRegistry of(List<DriverProvider> providers) {
        return of(providers, List.of());
    }

    private static ProviderRegistry of(List<DriverProvider> candidates, List<String> earlierProblems) {
        List<DriverProvider> kept = new ArrayList<>();
        List<String> problems = new ArrayList<>(earlierProblems);
        Map<String, DriverProvider> byName = new LinkedHashMap<>();
        for (DriverProvider provider : candidates) {
            String name;
            try {
                name = provider.name();
                if (provider.schemes().isEmpty()) {
                    problems.add("driver provider '" + name + "' (" + provider.getClass().getName() + ") serves no URI scheme");
                    continue;
                }
            } catch (RuntimeException e) {
                problems.add("driver provider " + provider.getClass().getName() + " failed to describe itself: " + e);
                continue;
            }
            DriverProvider earlier = byName.putIfAbsent(name, provider);
            if (earlier != null) {
                problems.add("two driver providers are named '" + name + "': " + earlier.getClass().getName()
                        + " and " + provider.getClass().getName() + "; the second is ignored");
                continue;
            }
            kept.add(provider);
        }
        return new ProviderRegistry(kept, problems);
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

    /** What went wrong while loading providers; empty when nothing did. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
