package org.jvirt.proxy.daemon.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.jvirt.proxy.protocol.Message;

/**
 * What the daemon sends one client — replies, events, keepalive pings — queued and written by the client's
 * own writer thread, so that a client that stops reading holds up only itself: the workers that answer it
 * and the connection's event thread hand their messages over and go on. A client that lets more than
 * {@code maxQueuedBytes} pile up is dropped (libvirtd drops a client whose messages it cannot deliver).
 *
 * <p>{@link #finish()} lets what is queued go out before the socket closes: the replies of the calls that
 * were in flight when the client or the daemon decided to stop.
 *
 * <p>Thread-safe.
 */
final class Outbox {
    private static final Logger LOG = System.getLogger(Outbox.class.getName());

    private final SocketChannel channel;
    private final long maxQueuedBytes;
    private final Consumer<String> onFailure;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final Thread writer;
    private long queuedBytes;
    private boolean finishing;
    private boolean dead;

    /**
     * @param onFailure told why, when the client cannot be written to or falls too far behind; it closes the client
     */
    Outbox(SocketChannel channel, long maxQueuedBytes, String name, Consumer<String> onFailure) {
        this.channel = channel;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onFailure = onFailure;
        this.writer = new Thread(this::writeLoop, name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues {@code m}; dropped silently once the outbox is dead (the client is being closed). */
    void send(Message m) {
        byte[] frame = m.toFrame();
        String failure = null;
        synchronized (this) {
            if (dead) {
                return;
            }
            if (queuedBytes + frame.length > maxQueuedBytes) {
                failure = "it does not read what it is sent: " + (queuedBytes + frame.length) + " bytes queued";
                dead = true;
                queue.clear();
                notifyAll();
            } else {
                queue.add(frame);
                queuedBytes += frame.length;
                notifyAll();
            }
        }
        if (failure != null) {
            onFailure.accept(failure);
        }
    }

    /** Writes out what is queued, then lets the writer end; returns at once. */
    synchronized void finish() {
        finishing = true;
        notifyAll();
    }

    /** Waits until the writer has ended (after {@link #finish()}, or a failure). */
    void awaitWriter() throws InterruptedException {
        writer.join();
    }

    private void writeLoop() {
        while (true) {
            byte[] frame;
            synchronized (this) {
                while (queue.isEmpty() && !finishing && !dead) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (dead || queue.isEmpty()) {
                    return; // failed, or finishing with nothing left to write
                }
                frame = queue.poll();
                queuedBytes -= frame.length;
            }
            try {
                ByteBuffer b = ByteBuffer.wrap(frame);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            } catch (IOException e) {
                synchronized (this) {
                    dead = true;
                    queue.clear();
                }
                LOG.log(Level.DEBUG, "write failed", e);
                onFailure.accept("cannot write to it: " + e.getMessage());
                return;
            }
        }
    }
}
