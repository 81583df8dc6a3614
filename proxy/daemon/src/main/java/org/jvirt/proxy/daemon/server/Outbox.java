package org.jvirt.proxy.daemon.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.jvirt.proxy.protocol.Message;

/**
 * What the daemon sends one client — replies, events, keepalive pings — queued and written by the client's
 * own writer thread, so that a client that stops reading holds up only itself: the connection's event
 * thread and the keepalive timer hand their messages over and go on. A reply goes out directly from the
 * client's reading thread that made it when nothing is queued ({@link #sendNow}), without waking the
 * writer; its write blocks that client's reading only. A client that lets more than
 * {@code maxQueuedBytes} pile up is dropped (libvirtd drops a client whose messages it cannot deliver).
 *
 * <p>{@link #finish()} lets what is queued go out before the socket closes: the replies of the calls that
 * were in flight when the client or the daemon decided to stop.
 *
 * <p>Thread-safe.
 */
final class Outbox {
    private static final Logger LOG = System.getLogger(Outbox.class.getName());

    private final ClientChannel channel;
    private final long maxQueuedBytes;
    private final Consumer<String> onFailure;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final Thread writer;
    private long queuedBytes;
    private boolean finishing;
    private boolean dead;
    /** A frame is being written, by the writer thread or by {@link #sendNow}'s caller. */
    private boolean writing;

    /**
     * @param onFailure told why, when the client cannot be written to or falls too far behind; it closes the client
     */
    Outbox(ClientChannel channel, long maxQueuedBytes, String name, Consumer<String> onFailure) {
        this.channel = channel;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onFailure = onFailure;
        this.writer = new Thread(this::writeLoop, name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues {@code m}; dropped silently once the outbox is dead (the client is being closed). */
    void send(Message m) {
        queue(m.toFrame());
    }

    /**
     * Writes {@code m} on the calling thread when nothing is queued or being written — a reply then goes
     * out without waking the writer thread — and queues it otherwise. Only the client's own reading
     * threads call this: if the client does not read, the write blocks them and nobody else.
     */
    void sendNow(Message m) {
        byte[] frame = m.toFrame();
        synchronized (this) {
            if (dead) {
                return;
            }
            if (writing || !queue.isEmpty()) {
                queue(frame);
                return;
            }
            writing = true;
        }
        try {
            write(frame);
        } catch (IOException e) {
            failed(e);
        } finally {
            synchronized (this) {
                writing = false;
                if (!queue.isEmpty() || finishing) {
                    notifyAll(); // the writer waited for this write to end
                }
            }
        }
    }

    private void queue(byte[] frame) {
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
                // a reply being written directly goes out whole before anything queued
                while (!dead && (writing || queue.isEmpty() && !finishing)) {
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
                writing = true;
            }
            try {
                write(frame);
            } catch (IOException e) {
                failed(e);
                return;
            } finally {
                synchronized (this) {
                    writing = false;
                }
            }
        }
    }

    private void write(byte[] frame) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void failed(IOException e) {
        synchronized (this) {
            dead = true;
            queue.clear();
            notifyAll();
        }
        LOG.log(Level.DEBUG, "write failed", e);
        onFailure.accept("cannot write to it: " + e.getMessage());
    }
}
