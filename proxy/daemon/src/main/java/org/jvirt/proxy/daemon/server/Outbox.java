package org.jvirt.proxy.daemon.server;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.jvirt.proxy.protocol.Message;

/**
 * What one client is sent — replies, events, keepalive pings — written in the order posted by a
 * thread of its own. Posting never blocks, so a client that stops reading holds up only this thread:
 * not the workers that made its replies (which would soon be every worker, and every other client
 * unserved), not the keepalive timer, not the event thread of its connection. The session bounds
 * what waits here by releasing a call's slot only once its reply is written ({@code written}).
 *
 * <p>Thread-safe; {@link #start()} and {@link #end()} once each.
 */
final class Outbox {
    private record Item(Message message, Runnable written) {
    }

    private static final Item END = new Item(null, null);

    private final WritableByteChannel channel;
    private final Consumer<IOException> onFailure;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean broken;

    /**
     * @param channel where the messages go
     * @param threadName the writer thread's name
     * @param onFailure told once when a write fails; later messages are dropped, their {@code written} still run
     */
    Outbox(WritableByteChannel channel, String threadName, Consumer<IOException> onFailure) {
        this.channel = channel;
        this.onFailure = onFailure;
        this.writer = new Thread(this::writeLoop, threadName);
        this.writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    /** Queues {@code m}; {@code written} (may be null) runs once it is written, or dropped. */
    void post(Message m, Runnable written) {
        queue.add(new Item(m, written));
    }

    /**
     * Lets the writer finish what was posted and stop, and waits for it. A write blocked on a client
     * that does not read ends when the channel is closed; close it first.
     */
    void end() throws InterruptedException {
        queue.add(END);
        writer.join();
    }

    private void writeLoop() {
        while (true) {
            Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == END) {
                return;
            }
            try {
                if (!broken) {
                    item.message().writeTo(channel);
                }
            } catch (IOException e) {
                broken = true;
                onFailure.accept(e);
            } finally {
                if (item.written() != null) {
                    item.written().run();
                }
            }
        }
    }
}
