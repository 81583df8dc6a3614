package org.jvirt.proxy.daemon;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.util.Objects;
import java.util.Set;
import org.jvirt.core.Jvirt;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.daemon.dispatch.ConnectionFactory;
import org.jvirt.proxy.daemon.dispatch.Dispatcher;
import org.jvirt.proxy.daemon.dispatch.HandlerTable;
import org.jvirt.proxy.daemon.dispatch.ProcedureGroup;
import org.jvirt.proxy.daemon.procedures.ConnectProcedures;
import org.jvirt.proxy.daemon.procedures.DomainProcedures;
import org.jvirt.proxy.daemon.procedures.DomainResourceProcedures;
import org.jvirt.proxy.daemon.procedures.EventProcedures;
import org.jvirt.proxy.daemon.procedures.NetworkProcedures;
import org.jvirt.proxy.daemon.procedures.NodeProcedures;

/**
 * jvirtd's composition root: its configuration, the procedure groups (a multibinder: a module that
 * adds a group adds procedures), the dispatcher built from them, and how client connections are opened
 * (through the core, with the drivers on the class path and in {@code $JVIRT_PLUGIN_DIR}).
 */
public final class JvirtdModule extends AbstractModule {
    private final DaemonConfig config;

    /** The daemon with {@code config}. */
    public JvirtdModule(DaemonConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void configure() {
        bind(DaemonConfig.class).toInstance(config);
        Multibinder<ProcedureGroup> groups = Multibinder.newSetBinder(binder(), ProcedureGroup.class);
        groups.addBinding().to(ConnectProcedures.class);
        groups.addBinding().to(NodeProcedures.class);
        groups.addBinding().to(DomainProcedures.class);
        groups.addBinding().to(DomainResourceProcedures.class);
        groups.addBinding().to(NetworkProcedures.class);
        groups.addBinding().to(EventProcedures.class);
    }

    @Provides
    @Singleton
    Dispatcher dispatcher(Set<ProcedureGroup> groups) {
        HandlerTable table = new HandlerTable();
        groups.forEach(g -> g.register(table));
        return new Dispatcher(table);
    }

    @Provides
    @Singleton
    ConnectionFactory connectionFactory() {
        return (uri, readOnly) -> Jvirt.builder().uri(uri).readOnly(readOnly).open();
    }
}
