package org.jvirt.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.List;
import org.jvirt.api.Connection;
import org.jvirt.core.connection.CoreConnection;
import org.jvirt.core.events.EventHub;
import org.jvirt.core.routing.Router;
import org.jvirt.spi.Composition;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.Driver;

/**
 * The core's defaults for one connection's injector: the URI, the accepted drivers, the router
 * over them and the event hub they report to. Embedders may add modules that override these
 * (see {@code Jvirt.Builder#module}); without such modules the core calls
 * {@link #defaultConnection()}, which builds what an injector of this module alone would return.
 */
public final class ConnectionModule extends AbstractModule {
    private final ConnectUri uri;
    private final List<Driver> drivers;
    private final Composition composition;
    private final boolean readOnly;
    private final EventHub events;

    /**
     * @param uri the parsed URI
     * @param drivers the drivers that accepted, in probing order
     * @param composition how they serve the scheme together, or null for none
     * @param readOnly whether mutations are refused
     * @param events the hub the drivers were opened with
     */
    public ConnectionModule(ConnectUri uri, List<Driver> drivers, Composition composition, boolean readOnly,
                            EventHub events) {
        this.uri = uri;
        this.drivers = List.copyOf(drivers);
        this.composition = composition;
        this.readOnly = readOnly;
        this.events = events;
    }

    @Override
    protected void configure() {
        bind(ConnectUri.class).toInstance(uri);
        bind(EventHub.class).toInstance(events);
    }

    /**
     * The connection of the core's defaults, wired without an injector: Guice's first injector in a
     * process costs tens of milliseconds (class initialization, annotation proxies), more than the
     * rest of a short command such as {@code jvirsh list}, and adds nothing when no module overrides
     * a default.
     */
    public CoreConnection defaultConnection() {
        return coreConnection(router(), events);
    }

    @Provides
    @Singleton
    Router router() {
        return new Router(drivers, composition, readOnly, uri.text());
    }

    @Provides
    @Singleton
    CoreConnection coreConnection(Router router, EventHub hub) {
        return new CoreConnection(uri.text(), router, hub);
    }

    @Provides
    @Singleton
    Connection connection(CoreConnection connection) {
        return connection;
    }
}
