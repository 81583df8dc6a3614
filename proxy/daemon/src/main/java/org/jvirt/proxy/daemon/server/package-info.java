/**
 * The daemon's sockets and clients: listening (unix sockets with their modes, optional TCP), one session
 * per client (framing, keepalive, calls handed to workers), graceful shutdown.
 */
package org.jvirt.proxy.daemon.server;
