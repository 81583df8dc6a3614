package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.util.Optional;
import org.jvirt.api.CloseReason;
import org.jvirt.api.DomainEventDetail;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.proxy.protocol.xdr.XdrException;
import org.jvirt.proxy.remote.rpc.RpcChannel;
import org.jvirt.proxy.remote.uri.RemoteTarget;
import org.jvirt.spi.DomainEventSink;
import org.jvirt.spi.Driver;
import org.jvirt.spi.EventInterest;
import org.jvirt.spi.DriverOperations;

/**
 * One connection to a libvirt daemon (libvirtd or jvirtd): every operation is a call of libvirt's remote
 * program, its answer converted exactly and its error returned unchanged, as libvirt's {@code remote_driver.c}
 * does. The operations live in one interface per area ({@link RemoteNode}, {@link RemoteDomainLifecycle},
 * ...); this class holds the channel and the events.
 *
 * <p>The driver declares every operation and every flag of jvirt's SPI: what the daemon's own driver serves
 * is the daemon's to say, and an operation or flag it lacks answers with the daemon's error (NO_SUPPORT,
 * or {@code virCheckFlags}' INVALID_ARG), as through libvirt's client. Documents (domain, device, network
 * XML) go to the daemon verbatim ({@link org.jvirt.spi.ForwardsDocuments}), to be read by its drivers' rules.
 * Lifecycle events arrive through a callback the driver registers when it opens
 * ({@link DriverOperations.DomainEvents}).
 *
 * <p>Thread-safe: calls from many threads share the one channel.
 */
public final class RemoteDriver implements Driver, DriverOperations.DomainEvents, EventInterest, RemoteNode, RemoteNodeResources,
        RemoteNativeFormats, RemoteDomainListing, RemoteDomainReading, RemoteDomainLifecycle, RemoteDomainSaveRestore,
        RemoteDomainJobs, RemoteDomainResources, RemoteDomainVcpus, RemoteDomainScheduler, RemoteDomainDevices,
        RemoteDomainStatistics, RemoteNetworkListing, RemoteNetworks {
    private static final System.Logger LOG = System.getLogger(RemoteDriver.class.getName());
    /** libvirt's {@code VIR_CONNECT_RO}. */
    private static final int CONNECT_RO = 1;
    /** libvirt's {@code VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK}. */
    private static final int FEATURE_EVENT_CALLBACK = 14;
    /** libvirt's {@code VIR_DOMAIN_EVENT_ID_LIFECYCLE}. */
    private static final int EVENT_ID_LIFECYCLE = 0;
    /** The lifecycle callback id while none is registered with the daemon. */
    private static final int NO_CALLBACK = -1;

    private final RpcChannel channel;
    private final RemoteSession session;
    private final DomainEventSink events;
    private volatile int lifecycleCallback = NO_CALLBACK;

    private RemoteDriver(RemoteTarget target, boolean readOnly, DomainEventSink events) {
        this.events = events;
        this.channel = new RpcChannel(target.transport().open(), target.settings(), new RpcChannel.Listener() {
            @Override
            public void onEvent(Message event) {
                lifecycleEvent(event);
            }

            @Override
            public void onClosed(CloseReason reason, VirtException cause) {
                if (reason != CloseReason.CLIENT) {
                    events.connectionClosed(reason);
                }
            }
        });
        this.session = new RemoteSession(channel, readOnly);
    }

    /**
     * Connects to the daemon {@code target} names and opens its URI there, as libvirt's client does: the
     * authentication list, the open itself, and keepalive when the daemon speaks it. The lifecycle event
     * callback is registered when the connection's first listener subscribes ({@link #listening}).
     *
     * @throws VirtException the transport's failure, or the daemon's refusal to open, unchanged
     */
    static RemoteDriver open(RemoteTarget target, boolean readOnly, DomainEventSink events) {
        RemoteDriver driver = new RemoteDriver(target, readOnly, events);
        try {
            driver.channel.call(REMOTE_PROC_AUTH_LIST, null);
            driver.channel.call(REMOTE_PROC_CONNECT_OPEN, new RemoteConnectOpenArgs(
                    target.daemonUri().isEmpty() ? Optional.empty() : Optional.of(target.daemonUri()),
                    readOnly ? CONNECT_RO : 0));
            if (driver.session.supportsFeature(RemoteSession.FEATURE_KEEPALIVE)) {
                driver.channel.startKeepalive();
            }
            return driver;
        } catch (RuntimeException e) {
            driver.channel.close();
            throw e;
        }
    }

    /**
     * Registers the lifecycle callback with the daemon when the first listener subscribes, and deregisters it when
     * the last one leaves, as libvirt's client does: a daemon sends events only to clients that asked, so a client
     * nobody listens to costs it nothing per change. libvirt's newer event form (a callback id per registration)
     * where the daemon has it, else the older one.
     */
    @Override
    public void listening(boolean listening) {
        boolean callbacks = session.supportsFeature(FEATURE_EVENT_CALLBACK);
        if (listening && callbacks) {
            lifecycleCallback = channel.call(REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                    new RemoteConnectDomainEventCallbackRegisterAnyArgs(EVENT_ID_LIFECYCLE, Optional.empty()),
                    RemoteConnectDomainEventCallbackRegisterAnyRet.class).callbackID();
        } else if (listening) {
            channel.call(REMOTE_PROC_CONNECT_DOMAIN_EVENT_REGISTER_ANY,
                    new RemoteConnectDomainEventRegisterAnyArgs(EVENT_ID_LIFECYCLE));
        } else if (callbacks) {
            int registered = lifecycleCallback;
            lifecycleCallback = NO_CALLBACK;
            channel.call(REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
                    new RemoteConnectDomainEventCallbackDeregisterAnyArgs(registered));
        } else {
            channel.call(REMOTE_PROC_CONNECT_DOMAIN_EVENT_DEREGISTER_ANY,
                    new RemoteConnectDomainEventDeregisterAnyArgs(EVENT_ID_LIFECYCLE));
        }
    }

    private void lifecycleEvent(Message m) {
        Optional<RemoteProcedure> proc = RemoteProcedure.fromValue(m.header().proc());
        RemoteDomainEventLifecycleMsg msg;
        try {
            if (proc.equals(Optional.of(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE))) {
                RemoteDomainEventCallbackLifecycleMsg cb = m.payload(RemoteDomainEventCallbackLifecycleMsg.CODEC);
                // An event read before listening(true) stored the registration's id goes to no listener yet:
                // the subscription that asked for it has not returned.
                if (cb.callbackID() != lifecycleCallback) {
                    LOG.log(System.Logger.Level.WARNING, "lifecycle event for callback " + cb.callbackID()
                            + ", never registered on " + channel.describe() + ": dropped");
                    return;
                }
                msg = cb.msg();
            } else if (proc.equals(Optional.of(REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE))) {
                msg = m.payload(RemoteDomainEventLifecycleMsg.CODEC);
            } else {
                LOG.log(System.Logger.Level.DEBUG, "event " + m.header().proc() + " from " + channel.describe()
                        + " is not one jvirt reports: dropped");
                return;
            }
        } catch (XdrException e) {
            LOG.log(System.Logger.Level.WARNING, "malformed event from " + channel.describe() + ": " + e.getMessage());
            return;
        }
        DomainEventDetail detail = detail(msg.event(), msg.detail());
        if (detail == null) {
            LOG.log(System.Logger.Level.DEBUG, "lifecycle event " + msg.event() + "/" + msg.detail() + " unknown: dropped");
            return;
        }
        events.emit(WireRefs.domain(msg.dom()), detail);
    }

    private static DomainEventDetail detail(int event, int detail) {
        for (DomainEventDetail d : DomainEventDetail.values()) {
            if (d.type().number() == event && d.number() == detail) {
                return d;
            }
        }
        return null;
    }

    @Override
    public String name() {
        return RemoteDriverProvider.NAME;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.REMOTE;
    }

    /** The channel every operation calls through; for the area interfaces, not an operation. */
    @Override
    public RpcChannel channel() {
        return channel;
    }

    /** What the operations share; for the area interfaces, not an operation. */
    @Override
    public RemoteSession session() {
        return session;
    }

    @Override
    public void close() {
        if (channel.isOpen()) {
            channel.closing();
            try {
                channel.call(REMOTE_PROC_CONNECT_CLOSE, null);
            } catch (VirtException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + channel.describe() + ": " + e.getMessage());
            }
        }
        channel.close();
    }
}
