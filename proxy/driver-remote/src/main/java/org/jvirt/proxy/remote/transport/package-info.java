/**
 * How the remote driver reaches a daemon: unix sockets and TCP ({@link org.jvirt.proxy.remote.transport.SocketTransport}),
 * the system's ssh client ({@link org.jvirt.proxy.remote.transport.SshTransport}) and libvirt's {@code ext} commands,
 * both processes whose standard error tells why a connection failed
 * ({@link org.jvirt.proxy.remote.transport.CommandTransport}).
 */
package org.jvirt.proxy.remote.transport;
