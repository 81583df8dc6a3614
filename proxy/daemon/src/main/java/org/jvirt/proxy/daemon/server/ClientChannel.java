package org.jvirt.proxy.daemon.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client's socket as its session reads and writes it: blocking to its users, non-blocking underneath,
 * so that a reader that has just answered a call can look for the client's next call for a few tens of
 * microseconds before it goes to sleep. libvirt's clients send their next call as soon as they have the
 * reply; catching it awake saves the thread's wake-up, which on a small virtual machine is a good part of
 * a quick call's whole round trip (python's {@code dom.info()}: about 58 µs sleeping, about 50 polling).
 *
 * <p>Polling spends a CPU, so it is rationed: at most {@link #POLLERS} readers of the whole daemon poll
 * at once (half the processors, at least one); the others go to sleep at once, as a plain blocking read
 * would. Writing never polls: a write the socket cannot take waits in a selector.
 *
 * <p>One reader and one writer at a time (the session's reading thread and its outbox); {@link #close}
 * from any thread wakes both.
 */
final class ClientChannel implements ByteChannel {
    /** How long a reader looks for the next call before it sleeps. */
    static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(60);

    /** Readers of the whole daemon allowed to poll at once. */
    static final int POLLERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private static final AtomicInteger POLLING = new AtomicInteger();

    private final SocketChannel channel;
    private final Selector readable;
    private final Selector writable;

    /** Takes over {@code channel}, which it makes non-blocking. */
    ClientChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.readable = Selector.open();
        this.writable = Selector.open();
        try {
            channel.register(readable, SelectionKey.OP_READ);
            channel.register(writable, SelectionKey.OP_WRITE);
        } catch (IOException e) {
            readable.close();
            writable.close();
            throw e;
        }
    }

    /** Reads at least one byte, or -1 at the end of the stream; waits for them as a blocking read would. */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = channel.read(dst);
        if (n != 0 || !dst.hasRemaining()) {
            return n;
        }
        if (POLLING.incrementAndGet() <= POLLERS) {
            try {
                long until = System.nanoTime() + POLL_NANOS;
                do {
                    Thread.onSpinWait();
                    n = channel.read(dst);
                    if (n != 0) {
                        return n;
                    }
                } while (System.nanoTime() < until);
            } finally {
                POLLING.decrementAndGet();
            }
        } else {
            POLLING.decrementAndGet();
        }
        while (true) {
            await(readable);
            n = channel.read(dst);
            if (n != 0) {
                return n;
            }
        }
    }

    /** Writes all of {@code src}, waiting while the socket cannot take it. */
    @Override
    public int write(ByteBuffer src) throws IOException {
        int total = 0;
        while (src.hasRemaining()) {
            int n = channel.write(src);
            total += n;
            if (n == 0) {
                await(writable);
            }
        }
        return total;
    }

    /** Waits on {@code selector}; a channel closed meanwhile (which closes the selector too) is a ClosedChannelException. */
    private void await(Selector selector) throws IOException {
        try {
            selector.select();
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new ClosedChannelException();
        }
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    /** Ends the input: a read waiting or to come sees the end of the stream. */
    void shutdownInput() throws IOException {
        channel.shutdownInput();
        readable.wakeup();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the socket and wakes whoever waits on it. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            readable.wakeup();
            writable.wakeup();
            readable.close();
            writable.close();
        }
    }
}
