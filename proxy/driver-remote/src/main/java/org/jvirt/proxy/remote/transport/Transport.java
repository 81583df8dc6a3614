package org.jvirt.proxy.remote.transport;

import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A byte stream to a libvirt daemon: a unix socket, a TCP connection, or an ssh process whose far end
 * is bridged to the daemon's socket. One thread reads {@link #in()} while others write {@link #out()}
 * (under the caller's own lock); {@link #close()} may come from any thread and makes blocked reads and
 * writes fail promptly.
 */
public interface Transport extends AutoCloseable {
    /** What the daemon sends; blocking reads. */
    ReadableByteChannel in();

    /** Where calls go; blocking writes, one writer at a time. */
    WritableByteChannel out();

    /** What this transport reaches, for messages, e.g. {@code unix socket /run/libvirt/libvirt-sock}. */
    String describe();

    /**
     * What the far side said went wrong when the stream ended early, e.g. the ssh client's standard
     * error ("Permission denied (publickey)"); empty when there is nothing to tell.
     */
    default String farSideErrors() {
        return "";
    }

    /** Closes the stream (and ends a process behind it); idempotent, never throws. */
    @Override
    void close();
}
