package org.jvirt.core;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Operation;
import org.jvirt.api.VirtException;
import org.jvirt.core.connection.CoreConnection;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.core.events.EventHub;
import org.jvirt.core.inject.ConnectionModule;
import org.jvirt.core.routing.DeclaredOperations;
import org.jvirt.core.uri.UriParser;
import org.jvirt.spi.Composition;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.EventInterest;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/**
 * Where embedders open connections: {@code Jvirt.open("test:///default")}, or
 * {@code Jvirt.builder().uri(...).readOnly(true).open()}.
 *
 * <p>Opening probes, as libvirt does, every provider serving the URI's scheme: ACCEPTED ones
 * compose the connection, DECLINED ones are skipped, an ERROR stops probing. Nothing accepted
 * fails with NO_CONNECT listing the known schemes. A connection given Guice modules
 * ({@link Builder#module}) gets its own injector, assembled from them over the core's defaults;
 * without modules the defaults are wired directly.
 * Thread-safe.
 */
public final class Jvirt {
    /** The environment variable naming a directory of third-party driver plugins. */
    public static final String PLUGIN_DIR_VARIABLE = "JVIRT_PLUGIN_DIR";
    /** The scheme of the remote driver, which the core gives URIs with a host or a transport. */
    private static final String REMOTE = "remote";

    private static final class Discovered {
        static final ProviderRegistry REGISTRY = discover(pluginDirFromEnvironment());
    }

    private Jvirt() {
    }

    /** Opens {@code uri} read-write (null: {@code $JVIRT_DEFAULT_URI}, else {@code test:///default}). */
    public static Connection open(String uri) {
        return builder().uri(uri).open();
    }

    /** Opens {@code uri} read-only. */
    public static Connection openReadOnly(String uri) {
        return builder().uri(uri).readOnly(true).open();
    }

    /** A builder using the providers on jvirt's class path. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts, on a daemon thread, the one-time work of a process's first {@link #open}: discovering
     * the providers on the class path and in {@code $JVIRT_PLUGIN_DIR}, and reading which operations
     * the SPI's interfaces declare. Returns at once. A command-line tool calls it first, so that this
     * work (tens of milliseconds in a fresh JVM) overlaps its own start-up; an {@code open} that comes
     * sooner waits for what is not finished (the JVM's class initialization guarantees it), and
     * problems are reported by {@code open} as they would be without it. Calling it more than once,
     * or never, is harmless.
     */
    public static void preload() {
        Thread loader = new Thread(() -> {
            discoveredProviders();
            // Any use initializes the class, which reads the SPI's binding table.
            DeclaredOperations.bindingOf(Operation.CONNECT_GET_TYPE);
        }, "jvirt-preload");
        loader.setDaemon(true);
        loader.start();
    }

    /** The providers found on jvirt's class path and in {@code $JVIRT_PLUGIN_DIR}, discovered once per process. */
    public static ProviderRegistry discoveredProviders() {
        return Discovered.REGISTRY;
    }

    /** The providers on jvirt's class path plus those of the plugins in {@code pluginDir} (null for none). */
    public static ProviderRegistry discover(Path pluginDir) {
        return ProviderRegistry.discover(Jvirt.class.getClassLoader(), pluginDir);
    }

    private static Path pluginDirFromEnvironment() {
        String dir = System.getenv(PLUGIN_DIR_VARIABLE);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /** Options of one connection. Not thread-safe; build and discard. */
    public static final class Builder {
        private String uri;
        private boolean readOnly;
        private ProviderRegistry providers;
        private final List<Module> modules = new ArrayList<>();

        private Builder() {
        }

        /** The URI to open; null means the default. */
        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        /** Whether the connection refuses mutations. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** Use the class path's providers plus the plugins in {@code dir}, instead of the discovered ones. */
        public Builder pluginDir(Path dir) {
            this.providers = discover(Objects.requireNonNull(dir, "dir"));
            return this;
        }

        /** Use exactly these providers instead of the discovered ones. */
        public Builder providers(ProviderRegistry providers) {
            this.providers = Objects.requireNonNull(providers, "providers");
            return this;
        }

        /** The providers this builder will probe: those given, or the discovered ones. */
        public ProviderRegistry providers() {
            return providers != null ? providers : Discovered.REGISTRY;
        }

        /** Adds a Guice module to the connection's injector (it may override core defaults). */
        public Builder module(Module module) {
            modules.add(Objects.requireNonNull(module, "module"));
            return this;
        }

        /**
         * @throws VirtException INVALID_ARG for a malformed URI, NO_CONNECT when no driver accepts it,
         *     or the error of the driver that failed to open it
         */
        public Connection open() {
            ProviderRegistry registry = providers();
            String text = uri == null ? UriParser.defaultUri() : uri;
            ConnectUri parsed = UriParser.parse(text);
            String scheme = parsed.isRemote() ? REMOTE : parsed.scheme();

            AtomicReference<CoreConnection> connection = new AtomicReference<>();
            List<Driver> accepted = new ArrayList<>();
            EventHub hub = new EventHub((ref, driver) -> connection.get().handleFor(ref, named(accepted, driver)), text);
            List<String> declined = new ArrayList<>();
            List<DriverProvider> candidates = registry.forScheme(scheme);
            // One provider serves its scheme alone: only several need a composition.
            Composition composition = candidates.size() > 1 ? registry.composition(scheme) : null;
            if (composition != null) {
                candidates = Members.of(composition, candidates, text);
            }
            probe(candidates, parsed, readOnly, accepted, declined, hub, text);
            VirtException missing = composition == null ? null : Members.missingRequired(composition, accepted, declined, text);
            if ((accepted.isEmpty() || missing != null) && !parsed.isRemote() && !scheme.equals(REMOTE)
                    && !registry.forScheme(REMOTE).isEmpty()) {
                // As libvirt's client library asks its remote driver last: a local URI no local driver
                // serves (qemu:///system without root, say) may be served by the host's daemon.
                accepted.forEach(Driver::close);
                accepted.clear();
                probe(registry.forScheme(REMOTE), parsed, readOnly, accepted, declined, hub, text);
                composition = null;
                missing = accepted.isEmpty() ? missing : null;
            }
            if (accepted.isEmpty() || missing != null) {
                accepted.forEach(Driver::close);
                hub.close();
                throw missing != null ? missing : noConnect(text, registry, declined);
            }
            hub.tellInterest(accepted.stream().filter(EventInterest.class::isInstance).map(EventInterest.class::cast)
                    .toList());
            ConnectionModule defaults = new ConnectionModule(parsed, accepted, composition, readOnly, hub);
            Connection opened;
            try {
                if (modules.isEmpty()) {
                    CoreConnection core = defaults.defaultConnection();
                    connection.set(core);
                    opened = core;
                } else {
                    Injector injector = Guice.createInjector(Stage.PRODUCTION, Modules.override(defaults).with(modules));
                    connection.set(injector.getInstance(CoreConnection.class));
                    opened = injector.getInstance(Connection.class);
                }
            } catch (RuntimeException e) {
                // An embedder's module that does not fit must not leak the drivers that accepted.
                accepted.forEach(Driver::close);
                hub.close();
                throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                        ErrorCode.INTERNAL_ERROR.format("cannot assemble the connection to " + text + ": " + e.getMessage()),
                        null, text, e);
            }
            return opened;
        }
    }


    /**
     * Asks each of {@code candidates} to open {@code parsed}: ACCEPTED drivers join {@code accepted},
     * DECLINED reasons join {@code declined}; an ERROR closes what accepted and the hub, and is thrown.
     */
    private static void probe(List<DriverProvider> candidates, ConnectUri parsed, boolean readOnly,
                              List<Driver> accepted, List<String> declined, EventHub hub, String text) {
        for (DriverProvider provider : candidates) {
            OpenRequest request = new OpenRequest(parsed, readOnly, hub.sinkFor(provider.name()));
            OpenResult result;
            try {
                result = provider.open(request);
            } catch (VirtException e) {
                result = OpenResult.failed(e.attributedTo(provider.name()));
            } catch (RuntimeException e) {
                result = OpenResult.failed(new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                        ErrorCode.INTERNAL_ERROR.format("driver '" + provider.name() + "' failed to open " + text
                                + ": " + e), provider.name(), text, e));
            }
            if (result instanceof OpenResult.Accepted a && !provider.driverClass().equals(a.driver().getClass())) {
                // What the driver declares is read from driverClass(); a different class would lie.
                a.driver().close();
                result = OpenResult.failed(new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                        ErrorCode.INTERNAL_ERROR.format("driver '" + provider.name() + "' opened a "
                                + a.driver().getClass().getName() + ", not its declared "
                                + provider.driverClass().getName()), provider.name(), text, null));
            }
            if (result instanceof OpenResult.Accepted a) {
                accepted.add(a.driver());
            } else if (result instanceof OpenResult.Declined d) {
                declined.add(provider.name() + ": " + d.reason());
            } else if (result instanceof OpenResult.Failed f) {
                accepted.forEach(Driver::close);
                hub.close();
                throw f.error().attributedTo(provider.name());
            }
        }
    }

    /** The accepted driver called {@code name} (events name their driver; handles need it as owner). */
    private static Driver named(List<Driver> accepted, String name) {
        for (Driver d : accepted) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static VirtException noConnect(String text, ProviderRegistry registry, List<String> declined) {
        StringBuilder detail = new StringBuilder(text);
        detail.append(" (known schemes: ").append(String.join(", ", registry.knownSchemes())).append(')');
        if (!declined.isEmpty()) {
            detail.append("; declined by ").append(String.join("; ", declined));
        }
        if (!registry.problems().isEmpty()) {
            detail.append("; driver loading problems: ").append(String.join("; ", registry.problems()));
        }
        return VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.NONE, detail.toString(), text);
    }
}
