/**
 * XenStore's wire protocol ({@code xen/io/xs_wire.h}) over xenstored's unix socket: a client for the
 * requests a toolstack makes (read, write, mkdir, rm, directory, permissions, watches, transactions,
 * domain paths, introduce and release), frames of a 16-byte little-endian header and at most
 * {@code XENSTORE_PAYLOAD_MAX} bytes of NUL-separated payload, pipelined and matched by request id.
 * JDK only: {@link java.nio.channels.SocketChannel} with {@link java.net.UnixDomainSocketAddress}.
 */
package org.jvirt.driver.xenstore.wire;
