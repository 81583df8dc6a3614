/**
 * The client side of libvirt's RPC framing: calls from many threads over one stream, matched by
 * serial, with a deadline on every call, keepalive, events, and a clean end for everyone waiting
 * when the daemon goes away.
 */
package org.jvirt.proxy.remote.rpc;
