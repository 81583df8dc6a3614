package org.jvirt.proxy.daemon.python;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jvirt.proxy.protocol.FrameDecoder;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.ProcedureTable;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.remote.RemoteConnectDomainEventCallbackRegisterAnyRet;
import org.jvirt.proxy.protocol.remote.RemoteDomainEventCallbackLifecycleMsg;
import org.jvirt.proxy.protocol.remote.RemoteDomainEventLifecycleMsg;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.remote.RemoteProtocol;
import org.jvirt.proxy.protocol.xdr.XdrException;

/**
 * A unix-socket relay between a client and a daemon that writes down the event messages the daemon
 * sends, in order — what a client library would hide: python3-libvirt quietly drops an event for a
 * callback it no longer has, so only the wire shows whether a daemon stopped sending it. A callback
 * is written as the order of its registration ("callback#1"), since daemons number them differently.
 *
 * <p>Each message is noted before it is passed on, so once the client has seen something, the tap has
 * too.
 */
final class EventTap implements AutoCloseable {
    private static final ProcedureTable REMOTE = ProcedureTable.remote();

    private final ServerSocketChannel server;
    private final Path upstream;
    private final Thread acceptor;
    private final List<Thread> pumps = new ArrayList<>();
    private final List<SocketChannel> channels = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final Map<Integer, Integer> callProcedures = new HashMap<>();
    private final Map<Integer, Integer> callbackLabels = new HashMap<>();

    /** Listens on {@code listen}, relaying each client to {@code upstream}. */
    EventTap(Path listen, Path upstream) throws IOException {
        this.upstream = upstream;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(listen));
        acceptor = new Thread(this::acceptLoop, "event-tap-accept");
        acceptor.start();
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                SocketChannel daemon = SocketChannel.open(UnixDomainSocketAddress.of(upstream));
                synchronized (this) {
                    channels.add(client);
                    channels.add(daemon);
                    pumps.add(pump(client, daemon, this::fromClient));
                    pumps.add(pump(daemon, client, this::fromDaemon));
                }
            }
        } catch (IOException closed) {
            // the tap is closed
        }
    }

    private static Thread pump(SocketChannel from, SocketChannel to, Consumer<Message> note) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(65536);
            FrameDecoder frames = new FrameDecoder();
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    ByteBuffer scan = buf.duplicate();
                    for (Optional<byte[]> f = frames.feed(scan); f.isPresent(); f = frames.feed(scan)) {
                        note.accept(Message.decode(f.get()));
                    }
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException | XdrException e) {
                // the other side went away, or sent what no daemon would: the comparison shows it
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "event-tap-pump");
        t.start();
        return t;
    }

    private synchronized void fromClient(Message m) {
        VirNetMessageHeader h = m.header();
        if (h.prog() == RemoteProtocol.REMOTE_PROGRAM && h.type() == VirNetMessageType.VIR_NET_CALL) {
            callProcedures.put(h.serial(), h.proc());
        }
    }

    private synchronized void fromDaemon(Message m) {
        VirNetMessageHeader h = m.header();
        if (h.prog() != RemoteProtocol.REMOTE_PROGRAM) {
            return; // keepalive
        }
        try {
            if (h.type() == VirNetMessageType.VIR_NET_REPLY && h.status() == VirNetMessageStatus.VIR_NET_OK
                    && callProcedures.getOrDefault(h.serial(), -1)
                    == RemoteProcedure.REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.number()) {
                int id = m.payload(RemoteConnectDomainEventCallbackRegisterAnyRet.CODEC).callbackID();
                callbackLabels.put(id, callbackLabels.size() + 1);
            } else if (h.type() == VirNetMessageType.VIR_NET_MESSAGE) {
                events.add(describe(m));
            }
        } catch (XdrException e) {
            events.add("undecodable " + h + ": " + e.getMessage());
        }
    }

    private String describe(Message m) throws XdrException {
        int proc = m.header().proc();
        if (proc == RemoteProcedure.REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE.number()) {
            RemoteDomainEventCallbackLifecycleMsg e = m.payload(RemoteDomainEventCallbackLifecycleMsg.CODEC);
            Integer label = callbackLabels.get(e.callbackID());
            return (label == null ? "unregistered callback " + e.callbackID() : "callback#" + label) + " " + lifecycle(e.msg());
        }
        if (proc == RemoteProcedure.REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE.number()) {
            return "legacy " + lifecycle(m.payload(RemoteDomainEventLifecycleMsg.CODEC));
        }
        return REMOTE.byNumber(proc).map(p -> p.constantName()).orElse("procedure " + proc);
    }

    private static String lifecycle(RemoteDomainEventLifecycleMsg e) {
        return "lifecycle " + e.dom().name() + " id=" + e.dom().id() + " event=" + e.event() + " detail=" + e.detail();
    }

    /** The event messages so far, as text; complete once the client is gone and the tap {@link #close() closed}. */
    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Stops accepting and waits for every relayed connection to end. */
    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join();
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(pumps);
        }
        for (Thread t : all) {
            t.join(10_000);
        }
        synchronized (this) {
            for (SocketChannel c : channels) {
                c.close();
            }
        }
    }
}
