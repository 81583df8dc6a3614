package org.jvirt.proxy.daemon.dispatch;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jvirt.api.Connection;
import org.jvirt.api.DomainEvent;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Subscription;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.remote.RemoteDomainEventCallbackLifecycleMsg;
import org.jvirt.proxy.protocol.remote.RemoteDomainEventLifecycleMsg;
import org.jvirt.proxy.protocol.remote.RemoteNonnullDomain;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.remote.RemoteProtocol;
import org.jvirt.proxy.protocol.xdr.XdrCodec;

/**
 * One client's domain event callbacks, in both of libvirt's forms: the callback form
 * ({@code CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY}, any number per event, each with an id the events
 * carry, optionally for one domain) and the older one ({@code CONNECT_DOMAIN_EVENT_REGISTER_ANY}, one per
 * event id). Any event id libvirt 9 defines may be registered, as libvirtd allows; jvirt raises
 * lifecycle events, and those are sent, as {@code VIR_NET_MESSAGE}s with serial 0, in the order the
 * connection delivers them. The client's jvirt connection is subscribed while at least one callback
 * is registered.
 *
 * <p>Thread-safe.
 */
public final class EventCallbacks {
    private static final Logger LOG = System.getLogger(EventCallbacks.class.getName());

    /** {@code VIR_DOMAIN_EVENT_ID_LIFECYCLE}. */
    public static final int LIFECYCLE = 0;

    /** {@code VIR_DOMAIN_EVENT_ID_LAST} of libvirt 9: the event ids are 0 to 26. */
    static final int EVENT_ID_LAST = 27;

    private record Callback(int eventId, Optional<UUID> domain, boolean legacy) {
    }

    private final Consumer<Message> sink;
    private final Map<Integer, Callback> callbacks = new ConcurrentHashMap<>();
    private int nextId = 1;
    private Subscription subscription;

    /** Sends events through {@code sink}, which writes one message to the client. */
    public EventCallbacks(Consumer<Message> sink) {
        this.sink = sink;
    }

    /**
     * Registers a callback for {@code eventId}, for one domain or all; returns its id.
     *
     * @throws VirtException INTERNAL_ERROR "unsupported event ID N" for an id libvirt does not define
     */
    public synchronized int register(Connection c, int eventId, Optional<UUID> domain) {
        checkId(eventId);
        int id = nextId++;
        callbacks.put(id, new Callback(eventId, domain, false));
        subscribe(c);
        return id;
    }

    /**
     * Removes the callback {@code callbackId}.
     *
     * @throws VirtException INVALID_ARG when no such callback is registered
     */
    public synchronized void deregister(int callbackId) {
        Callback cb = callbacks.get(callbackId);
        if (cb == null || cb.legacy()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.RPC, "callback ID " + callbackId + " not registered", null);
        }
        callbacks.remove(callbackId);
        unsubscribeIfIdle();
    }

    /**
     * Registers the older form's callback for {@code eventId}.
     *
     * @throws VirtException INTERNAL_ERROR when one is registered already, or the id is unknown
     */
    public synchronized void registerLegacy(Connection c, int eventId) {
        checkId(eventId);
        if (legacyId(eventId).isPresent()) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "domain event " + eventId + " already registered", null);
        }
        callbacks.put(nextId++, new Callback(eventId, Optional.empty(), true));
        subscribe(c);
    }

    /**
     * Removes the older form's callback for {@code eventId}.
     *
     * @throws VirtException INTERNAL_ERROR when none is registered
     */
    public synchronized void deregisterLegacy(int eventId) {
        checkId(eventId);
        Optional<Integer> id = legacyId(eventId);
        if (id.isEmpty()) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "domain event " + eventId + " not registered", null);
        }
        callbacks.remove(id.get());
        unsubscribeIfIdle();
    }

    /** Drops every callback and the subscription: the client closed its connection. */
    public synchronized void clear() {
        callbacks.clear();
        unsubscribeIfIdle();
    }

    private Optional<Integer> legacyId(int eventId) {
        return callbacks.entrySet().stream().filter(e -> e.getValue().legacy() && e.getValue().eventId() == eventId)
                .map(Map.Entry::getKey).findFirst();
    }

    private static void checkId(int eventId) {
        if (eventId < 0 || eventId >= EVENT_ID_LAST) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "unsupported event ID " + eventId, null);
        }
    }

    private void subscribe(Connection c) {
        if (subscription == null) {
            subscription = c.onDomainEvent(this::deliver);
        }
    }

    private void unsubscribeIfIdle() {
        if (callbacks.isEmpty() && subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    private void deliver(DomainEvent e) {
        List<Map.Entry<Integer, Callback>> targets = new ArrayList<>();
        for (Map.Entry<Integer, Callback> cb : callbacks.entrySet()) {
            if (cb.getValue().eventId() == LIFECYCLE
                    && cb.getValue().domain().map(u -> u.equals(e.domain().uuid())).orElse(true)) {
                targets.add(cb);
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        targets.sort(Map.Entry.comparingByKey());
        // the id the event happened with: asked now, the domain may have stopped or gone since
        RemoteNonnullDomain dom = WireObjects.domain(e.domain(), e.id());
        RemoteDomainEventLifecycleMsg msg = new RemoteDomainEventLifecycleMsg(dom, e.type().number(), e.detail().number());
        for (Map.Entry<Integer, Callback> cb : targets) {
            try {
                if (cb.getValue().legacy()) {
                    sink.accept(event(RemoteProcedure.REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE, RemoteDomainEventLifecycleMsg.CODEC, msg));
                } else {
                    sink.accept(event(RemoteProcedure.REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                            RemoteDomainEventCallbackLifecycleMsg.CODEC, new RemoteDomainEventCallbackLifecycleMsg(cb.getKey(), msg)));
                }
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "could not send a " + e.detail() + " event of " + e.domain().name(), ex);
            }
        }
    }

    /** An event message of the remote program: type {@code VIR_NET_MESSAGE}, serial 0, as libvirtd sends them. */
    public static <T> Message event(RemoteProcedure p, XdrCodec<T> codec, T body) {
        return new Message(new VirNetMessageHeader(RemoteProtocol.REMOTE_PROGRAM, RemoteProtocol.REMOTE_PROTOCOL_VERSION,
                p.number(), VirNetMessageType.VIR_NET_MESSAGE, 0, VirNetMessageStatus.VIR_NET_OK), codec.toBytes(body));
    }
}
