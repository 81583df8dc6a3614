package org.jvirt.proxy.daemon.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jvirt.api.CloseReason;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Subscription;
import org.jvirt.api.VirtException;
import org.jvirt.proxy.daemon.config.DaemonConfig;
import org.jvirt.proxy.daemon.dispatch.Caller;
import org.jvirt.proxy.daemon.dispatch.ConnectionFactory;
import org.jvirt.proxy.daemon.dispatch.Dispatcher;
import org.jvirt.proxy.daemon.dispatch.EventCallbacks;
import org.jvirt.proxy.protocol.FrameDecoder;
import org.jvirt.proxy.protocol.FrameException;
import org.jvirt.proxy.protocol.FrameReader;
import org.jvirt.proxy.protocol.Message;
import org.jvirt.proxy.protocol.net.VirNetMessageHeader;
import org.jvirt.proxy.protocol.net.VirNetMessageStatus;
import org.jvirt.proxy.protocol.net.VirNetMessageType;
import org.jvirt.proxy.protocol.keepalive.KeepaliveProcedure;
import org.jvirt.proxy.protocol.remote.RemoteConnectEventConnectionClosedMsg;
import org.jvirt.proxy.protocol.remote.RemoteProcedure;
import org.jvirt.proxy.protocol.xdr.XdrException;

/**
 * One client of the daemon, from accept to close: reads its frames on its own thread, answers
 * keepalive pings at once, and runs each call on the thread that read it, within the daemon's
 * {@link Workers} — no hand-over between threads on the way from call to reply. A call that runs long
 * gets the reading handed to a new thread by the workers' watch, so a slow call (a save) holds up
 * neither this client's other calls — up to {@code max_client_requests} at once — nor anyone else's.
 * Replies go back as they finish, matched by serial, as libvirt's clients expect.
 *
 * <p>A frame the decoder refuses (a length outside libvirt's limits, a header that is not one, a stream
 * that ends inside a frame) ends this client's connection and nobody else's; a call it cannot serve
 * gets an error reply; a message that is not a call is dropped unanswered, as libvirtd drops it. When
 * the client goes — or the daemon stops reading it to shut down — the calls
 * in flight finish first, then its jvirt connection and its event callbacks are closed.
 */
final class ClientSession implements Caller {
    private static final Logger LOG = System.getLogger(ClientSession.class.getName());

    /**
     * How much may wait to be written to one client: a few of libvirt's largest messages. A client that
     * lets more pile up is not reading, and is dropped.
     */
    static final long MAX_QUEUED_BYTES = 4L * org.jvirt.proxy.protocol.ProtocolLimits.FRAME_MAX;

    /** The reader is reading (or about to). */
    private static final Object READING = new Object();

    /** The reader's call stalled and the reading went to a new thread, which has not started yet. */
    private static final Object HANDED_ON = new Object();

    /** The reader is running a call, since {@code since} ({@link System#nanoTime()}); compared by identity. */
    private static final class Running {
        final long since;

        Running(long since) {
            this.since = since;
        }
    }

    private final long number;
    private final ClientChannel channel;
    private final boolean readOnlySocket;
    private final Peer peer;
    private final Dispatcher dispatcher;
    private final ConnectionFactory factory;
    private final Workers workers;
    private final DaemonConfig config;
    private final Semaphore inFlight;
    private final Outbox outbox;
    private final EventCallbacks events = new EventCallbacks(this::send);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object openLock = new Object();
    private final FrameReader reader;
    /** Whether someone reads: {@link #READING}, a reader's {@link Running} call, or {@link #HANDED_ON}. */
    private final AtomicReference<Object> reading = new AtomicReference<>(READING);
    private final AtomicInteger readers = new AtomicInteger();
    private final CountDownLatch ended = new CountDownLatch(1);

    private volatile Connection connection;
    private volatile Subscription closeWatch;
    private volatile boolean closeCallback;
    private volatile boolean keepalive;
    private volatile long lastHeard = System.nanoTime();
    private volatile int unansweredPings;

    ClientSession(long number, ClientChannel channel, boolean readOnlySocket, Peer peer, Dispatcher dispatcher,
                  ConnectionFactory factory, Workers workers, DaemonConfig config) {
        this.number = number;
        this.channel = channel;
        this.readOnlySocket = readOnlySocket;
        this.peer = peer;
        this.dispatcher = dispatcher;
        this.factory = factory;
        this.workers = workers;
        this.config = config;
        this.inFlight = new Semaphore(config.maxClientRequests());
        this.outbox = new Outbox(channel, MAX_QUEUED_BYTES, "jvirtd-client-" + number + "-writer", this::close);
        this.reader = new FrameReader(channel, new FrameDecoder());
    }

    /**
     * Reads and runs calls until the client goes or {@link #stopReading()}; then closes everything it
     * holds. Returns once the session is over, also when the reading went on on another thread.
     */
    void serve() {
        LOG.log(Level.INFO, "client {0} connected ({1}, {2} socket)", number, peer,
                readOnlySocket ? "read-only" : "read-write");
        readLoop();
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads frames and runs each call where it was read, until the stream ends (then finishes the
     * session) or until the watch hands the reading to another thread while this one runs a slow call.
     */
    private void readLoop() {
        boolean handedOn = false;
        try {
            while (!handedOn) {
                Optional<byte[]> body = reader.nextFrame();
                if (body.isEmpty()) {
                    break;
                }
                lastHeard = System.nanoTime();
                unansweredPings = 0;
                handedOn = !handle(body.get());
            }
        } catch (FrameException | XdrException e) {
            LOG.log(Level.WARNING, "client {0}: {1}; closing its connection", describe(), e.getMessage());
        } catch (ClosedChannelException e) {
            // closed by this side: keepalive gave up, or the daemon stops
        } catch (IOException e) {
            LOG.log(Level.INFO, "client {0}: {1}", describe(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!handedOn) {
                finish();
            }
        }
    }

    /**
     * Handles one frame, its header read as libvirtd reads it ({@link FrameHead}): keepalive answered, a
     * message that is not a call dropped unanswered, a call of an unknown status refused, a call run.
     *
     * @return false when the reading was handed to another thread meanwhile
     */
    private boolean handle(byte[] body) throws InterruptedException, XdrException {
        FrameHead h = FrameHead.of(body);
        if (h.isKeepalive()) {
            if (h.proc() == KeepaliveProcedure.KEEPALIVE_PROC_PING.number()) {
                send(keepalive(KeepaliveProcedure.KEEPALIVE_PROC_PONG));
            }
            return true; // a PONG only proves the client alive, which lastHeard already says
        }
        if (!h.isCall()) {
            LOG.log(Level.DEBUG, "client {0}: dropping a message of type {1} (program {2}, procedure {3}) that is not a call",
                    describe(), h.type(), h.prog(), h.proc());
            return true;
        }
        Optional<Message> refused = h.unknownStatusReply();
        if (refused.isPresent()) {
            send(refused.get());
            return true;
        }
        Message m = Message.decode(body);
        inFlight.acquire();
        Running call = new Running(System.nanoTime());
        reading.set(call);
        workers.callStarting(call.since);
        boolean stillReading;
        try {
            Message reply;
            workers.acquire();
            try {
                reply = dispatcher.dispatch(this, m);
            } finally {
                workers.release();
            }
            // written here when nothing else is queued: a client that does not read blocks only its own reader
            outbox.sendNow(reply);
        } finally {
            inFlight.release();
            stillReading = reading.compareAndSet(call, READING);
        }
        return stillReading;
    }

    /**
     * Called by the daemon's watch: when this client's reader has been running one call for longer than
     * {@code stallNanos}, a new thread takes over the reading, so that the client's next calls (libvirt's
     * clients may send several at once) and pings are not held up behind it.
     *
     * @return whether the reader is running a call
     */
    boolean handOnIfStalled(long now, long stallNanos) {
        if (!(reading.get() instanceof Running call)) {
            return false;
        }
        if (now - call.since > stallNanos && reading.compareAndSet(call, HANDED_ON)) {
            Thread next = new Thread(() -> {
                reading.set(READING);
                readLoop();
            }, "jvirtd-client-" + number + "-reader-" + readers.incrementAndGet());
            next.setDaemon(true);
            next.start();
        }
        return true;
    }

    private static Message keepalive(KeepaliveProcedure p) {
        return new Message(new VirNetMessageHeader(KeepaliveProcedure.PROGRAM, KeepaliveProcedure.VERSION, p.number(),
                VirNetMessageType.VIR_NET_MESSAGE, 0, VirNetMessageStatus.VIR_NET_OK), new byte[0]);
    }

    /** Queues one message for the client's writer; see {@link Outbox}. */
    void send(Message m) {
        outbox.send(m);
    }

    /** Called by the daemon's keepalive timer: pings a silent client, drops one that stopped answering. */
    void keepaliveTick(long nowNanos) {
        if (!keepalive || closed.get() || config.keepaliveInterval() <= 0) {
            return;
        }
        if (nowNanos - lastHeard < TimeUnit.SECONDS.toNanos(config.keepaliveInterval())) {
            return;
        }
        if (unansweredPings >= config.keepaliveCount()) {
            close("no answer to " + unansweredPings + " keepalive pings");
            return;
        }
        unansweredPings++;
        send(keepalive(KeepaliveProcedure.KEEPALIVE_PROC_PING));
    }

    /** Stops reading further calls; the ones in flight finish and are answered, then the session closes. */
    void stopReading() {
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            close("cannot stop reading it: " + e.getMessage());
        }
    }

    /** Closes the socket at once; the reader thread then finishes. */
    void close(String why) {
        if (closed.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "client {0}: closing, {1}", describe(), why);
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "client " + number + ": close failed", e);
            }
        }
    }

    private void finish() {
        try {
            // the calls in flight finish and answer before the connection they use goes away
            inFlight.acquireUninterruptibly(config.maxClientRequests());
            inFlight.release(config.maxClientRequests());
            closeConnection();
            outbox.finish();
            try {
                outbox.awaitWriter();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close("the client is gone");
            LOG.log(Level.INFO, "client {0} disconnected", number);
        } finally {
            ended.countDown();
        }
    }

    @Override
    public Connection connection() {
        Connection c = connection;
        if (c == null) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "hypervisor connection not open", null);
        }
        return c;
    }

    @Override
    public void open(String uri, boolean readOnlyRequested) {
        synchronized (openLock) {
            if (connection != null) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "connection already open", null);
            }
            boolean readOnly = readOnlySocket || readOnlyRequested;
            Connection c = factory.open(uri, readOnly);
            closeWatch = c.onClose((closedConnection, reason) -> connectionClosed(reason));
            connection = c;
            LOG.log(Level.INFO, "client {0} opened {1}{2}", describe(), c.uri(), readOnly ? " read-only" : "");
        }
    }

    private void connectionClosed(CloseReason reason) {
        if (closeCallback) {
            send(EventCallbacks.event(RemoteProcedure.REMOTE_PROC_CONNECT_EVENT_CONNECTION_CLOSED,
                    RemoteConnectEventConnectionClosedMsg.CODEC, new RemoteConnectEventConnectionClosedMsg(reason.number())));
        }
    }

    @Override
    public void closeConnection() {
        synchronized (openLock) {
            events.clear();
            Connection c = connection;
            connection = null;
            if (closeWatch != null) {
                closeWatch.close();
                closeWatch = null;
            }
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "client " + describe() + ": closing its connection failed", e);
                }
            }
        }
    }

    @Override
    public boolean readOnlySocket() {
        return readOnlySocket;
    }

    @Override
    public void startKeepalive() {
        keepalive = true;
    }

    @Override
    public void closeCallback(boolean wanted) {
        closeCallback = wanted;
    }

    @Override
    public EventCallbacks events() {
        return events;
    }

    @Override
    public String describe() {
        return number + " (" + peer + ")";
    }
}
